using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace TwoFactorContracts.Contract;

/// <summary>
/// The start-up cache of <see cref="ContractDocument.Load(string?, string?)"/>: what a read of the contract produced
/// (operations, examples, fields, XML names and the views asked of it), as one file beside the server. Parsing the
/// YAML into the OpenAPI model takes a few hundred milliseconds; reading this file a few (binary, by
/// <see cref="ContractCacheCodec"/>: System.Text.Json spent 250 ms of a cold start compiling its generic code for these
/// types). The file is named by the contract's SHA-256 and this library's build, so a changed contract or a changed
/// reader never reads an old file, and nothing has to remember to bump a format number.
/// </summary>
internal static class ContractCache
{
    public const string FilePrefix = "contract-cache-";

    /// <summary>Where the cache of one contract, read by this build of the library, lives.</summary>
    public sealed record Location(string File, string ContractHash)
    {
        public bool Exists => System.IO.File.Exists(File);
    }

    public static Location Locate(string contractPath, string directory)
    {
        var contract = HashOf(File.ReadAllBytes(contractPath));
        var reader = typeof(ContractCache).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..16];
        return new Location(Path.Combine(directory, $"{FilePrefix}{contract[..32]}-{reader}.bin"), contract);
    }

    public static string HashOf(byte[] contract) => Convert.ToHexString(SHA256.HashData(contract));

    public static ContractImage? Read(Location location)
    {
        try
        {
            return location.Exists ? ContractCacheCodec.Read(File.ReadAllBytes(location.File)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null; // a damaged or unreadable cache is only a slower start
        }
    }

    /// <summary>Writes the image (aside, then renamed: a server starting at the same moment never reads half a file) and removes older caches.</summary>
    public static bool Write(Location location, ContractImage image)
    {
        try
        {
            var temporary = $"{location.File}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            File.WriteAllBytes(temporary, ContractCacheCodec.Write(image));
            File.Move(temporary, location.File, overwrite: true);
            // Older caches (another contract, another reader, the JSON of earlier builds); not another start's file being written.
            foreach (var old in Directory.EnumerateFiles(Path.GetDirectoryName(location.File)!, FilePrefix + "*"))
                if (old != location.File && !old.EndsWith(".tmp", StringComparison.Ordinal)) File.Delete(old);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // a read-only install just starts slower
        }
    }
}

/// <summary>
/// What was read of the contract beyond its operations, each once: the field models, answers and XML roots asked
/// for by operationId, and the send outcomes. Held with the document and written into its cache, so a cached start
/// asks the OpenAPI model nothing.
/// </summary>
internal sealed class ContractViews
{
    private readonly ConcurrentDictionary<(string? Body, string? Item), ContractFields> _fields = new();
    private readonly ConcurrentDictionary<string, ContractAnswer> _answers = new();
    private readonly ConcurrentDictionary<string, ContractXmlRoots> _xmlRoots = new();
    private ContractSendOutcomes? _sendOutcomes;

    /// <summary>How many views are held (what a cache file written now would hold).</summary>
    public int Count => _fields.Count + _answers.Count + _xmlRoots.Count + (_sendOutcomes is null ? 0 : 1);

    public ContractFields FieldsOf(string? body, string? item, Func<ContractFields> read) => _fields.GetOrAdd((body, item), _ => read());

    public ContractAnswer AnswerOf(string operationId, Func<ContractAnswer> read) => _answers.GetOrAdd(operationId, _ => read());

    public ContractXmlRoots XmlRootsOf(string operationId, Func<ContractXmlRoots> read) => _xmlRoots.GetOrAdd(operationId, _ => read());

    public ContractSendOutcomes SendOutcomes(Func<ContractSendOutcomes> read) => _sendOutcomes ??= read();

    public ViewsImage ToImage() => new(
        [.. _fields.Select(f => new FieldsView(f.Key.Body, f.Key.Item, f.Value))],
        new Dictionary<string, ContractAnswer>(_answers),
        new Dictionary<string, ContractXmlRoots>(_xmlRoots),
        _sendOutcomes);

    public static ContractViews From(ViewsImage image)
    {
        var views = new ContractViews { _sendOutcomes = image.SendOutcomes };
        foreach (var view in image.Fields) views._fields[(view.Body, view.Item)] = view.Fields;
        foreach (var (id, answer) in image.Answers) views._answers[id] = answer;
        foreach (var (id, roots) in image.XmlRoots) views._xmlRoots[id] = roots;
        return views;
    }
}

// What a cache file holds: the document's own types, and for an operation its parts (it holds the reader's closures).
internal sealed record ContractImage(ContractXmlNames XmlNames, ContractFields Fields, IReadOnlyList<OperationImage> Operations, ViewsImage Views);

internal sealed record OperationImage(
    string OperationId, string Tag, string Method, string PathTemplate,
    IReadOnlyList<ContractParameter> PathParameters, IReadOnlyList<ContractParameter> QueryParameters,
    IReadOnlyList<ExampleBody> RequestExamples, IReadOnlyList<ContractResponse> Responses, Throttling? Throttling,
    bool RequestBodyRequired, IReadOnlyList<string> RequiredRequestFields, IReadOnlyDictionary<(string Field, string Facet), ContractSource> RuleSources);

internal sealed record ViewsImage(
    IReadOnlyList<FieldsView> Fields,
    IReadOnlyDictionary<string, ContractAnswer> Answers,
    IReadOnlyDictionary<string, ContractXmlRoots> XmlRoots,
    ContractSendOutcomes? SendOutcomes);

internal sealed record FieldsView(string? Body, string? Item, ContractFields Fields);

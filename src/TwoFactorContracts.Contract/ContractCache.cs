using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TwoFactorContracts.Contract;

/// <summary>
/// The start-up cache of <see cref="ContractDocument.Load(string?, string?)"/>: what a read of the contract produced
/// (operations, examples, fields, XML names and the views asked of it), as one JSON file beside the server. Parsing
/// the YAML into the OpenAPI model takes a few hundred milliseconds; reading this file takes a few. The file is named
/// by the contract's SHA-256 and this library's build, so a changed contract or a changed reader never reads an old
/// file, and nothing has to remember to bump a format number.
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
        return new Location(Path.Combine(directory, $"{FilePrefix}{contract[..32]}-{reader}.json"), contract);
    }

    public static string HashOf(byte[] contract) => Convert.ToHexString(SHA256.HashData(contract));

    public static ContractImage? Read(Location location)
    {
        try
        {
            return location.Exists ? JsonSerializer.Deserialize(File.ReadAllBytes(location.File), ContractCacheJson.Default.ContractImage) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
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
            File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(image, ContractCacheJson.Default.ContractImage));
            File.Move(temporary, location.File, overwrite: true);
            foreach (var old in Directory.EnumerateFiles(Path.GetDirectoryName(location.File)!, FilePrefix + "*.json"))
                if (old != location.File) File.Delete(old);
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

// The cache file's shape: the document's own types where they are plain data; where a type holds a key of two parts
// or a reader's closure, a record of its data.
internal sealed record ContractImage(ContractXmlNames XmlNames, ContractFields Fields, IReadOnlyList<OperationImage> Operations, ViewsImage Views);

internal sealed record OperationImage(
    string OperationId, string Tag, string Method, string PathTemplate,
    IReadOnlyList<ContractParameter> PathParameters, IReadOnlyList<ContractParameter> QueryParameters,
    IReadOnlyList<ExampleBody> RequestExamples, IReadOnlyList<ResponseImage> Responses, Throttling? Throttling,
    bool RequestBodyRequired, IReadOnlyList<string> RequiredRequestFields, IReadOnlyList<RuleSourceImage> RuleSources);

internal sealed record ResponseImage(int Status, string Description, IReadOnlyList<ExampleBody> Examples, ContractSource? Source,
    IReadOnlyList<ExampleSourceImage> ExampleSources);

internal sealed record ExampleSourceImage(string Name, BodyFormat Format, ContractSource Source);

internal sealed record RuleSourceImage(string Field, string Facet, ContractSource Source);

internal sealed record ViewsImage(
    IReadOnlyList<FieldsView> Fields,
    IReadOnlyDictionary<string, ContractAnswer> Answers,
    IReadOnlyDictionary<string, ContractXmlRoots> XmlRoots,
    ContractSendOutcomes? SendOutcomes);

internal sealed record FieldsView(string? Body, string? Item, ContractFields Fields);

[JsonSerializable(typeof(ContractImage))]
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
internal sealed partial class ContractCacheJson : JsonSerializerContext;

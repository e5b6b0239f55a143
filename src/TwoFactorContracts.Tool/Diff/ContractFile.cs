using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace TwoFactorContracts.Tool.Diff;

/// <summary>A contract file that could not be read: names the file and what was wrong.</summary>
public sealed class ContractReadException(string message) : Exception(message);

/// <summary>Reads a contract (YAML or JSON) into Microsoft.OpenApi's model for <see cref="ContractDiff"/>.</summary>
public static class ContractFile
{
    /// <summary>The document at <paramref name="path"/>; a <see cref="ContractReadException"/> when it cannot be read or parsed.</summary>
    public static async Task<OpenApiDocument> ReadAsync(string path, CancellationToken cancel = default)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancel);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ContractReadException($"cannot read {path}: {e.Message}");
        }
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        ReadResult result;
        try
        {
            // The YAML reader reads JSON too (JSON is YAML).
            using var stream = new MemoryStream(bytes);
            result = await OpenApiDocument.LoadAsync(stream, "yaml", settings, cancel);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The parser's own exception types vary (YAML syntax, structure); any of them means "not a contract".
            throw new ContractReadException($"cannot parse {path}: {e.GetBaseException().Message}");
        }
        var errors = result.Diagnostic?.Errors ?? [];
        if (result.Document is null || errors.Count > 0)
            throw new ContractReadException($"cannot parse {path}: " +
                (errors.Count > 0 ? string.Join("; ", errors.Select(e => $"{e.Pointer} {e.Message}".Trim())) : "not an OpenAPI document"));
        return result.Document;
    }

    /// <summary>The major number of <c>info.version</c> ("2.1.0" gives 2); null when it does not start with one.</summary>
    public static int? MajorVersion(OpenApiDocument document)
    {
        var version = document.Info?.Version ?? "";
        var digits = new string(version.TrimStart('v', 'V').TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, out var major) ? major : null;
    }
}

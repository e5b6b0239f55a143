using Microsoft.Extensions.Logging;
using WireMock.Admin.Requests;
using WireMock.Logging;
using TwoFactorContracts.MockServer.Credentials;

namespace TwoFactorContracts.MockServer.Stubbing;

/// <summary>
/// WireMock's log for --verbose, without secrets. WireMock's console logger prints every request it handles
/// (admin requests, user stubs) with all headers and bodies, Authorization included, and dumps its settings;
/// this prints one line per request with the credential masked as the journal masks it, plus warnings and
/// errors, all at Debug (--verbose). WireMock's debug and info lines are dropped.
/// </summary>
internal sealed class VerboseWireMockLogger(ILogger output) : IWireMockLogger
{
    public void Debug(string formatString, params object[] args) { }

    public void Info(string formatString, params object[] args) { }

    public void Warn(string formatString, params object[] args) => output.LogDebug("WireMock warning: {Message}", Format(formatString, args));

    public void Error(string formatString, params object[] args) => output.LogDebug("WireMock error: {Message}", Format(formatString, args));

    public void Error(string message, Exception exception) => output.LogDebug("WireMock error: {Message}: {Exception}", message, exception.Message);

    public void DebugRequestResponse(LogEntryModel logEntryModel, bool isAdminRequest)
    {
        if (!output.IsEnabled(LogLevel.Debug) || logEntryModel.MappingGuid == CatchAllMapping.Id) return; // the mock's own answers: the gateway prints those
        var request = logEntryModel.Request;
        if (request is null) return;
        var handler = isAdminRequest ? "WireMock admin" : $"stub {logEntryModel.MappingTitle ?? logEntryModel.MappingGuid?.ToString() ?? "none matched"}";
        var credential = MaskedAuthorization(request.Headers);
        output.LogDebug("{Method} {Path} -> {Status} ({Handler}){Credential}", request.Method, request.Path, logEntryModel.Response?.StatusCode, handler, credential is null ? "" : " " + credential);
    }

    /// <summary>The Authorization header as the journal shows it (scheme and fingerprint), or "(malformed)".</summary>
    private static string? MaskedAuthorization(IDictionary<string, WireMock.Types.WireMockList<string>>? headers)
    {
        if (headers is null) return null;
        foreach (var (name, values) in headers)
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
                return Credentials.CredentialParser.Parse(string.Join(", ", values))?.Masked ?? "(malformed credential)";
        return null;
    }

    private static string Format(string formatString, object[] args)
    {
        try
        {
            return args.Length == 0 ? formatString : string.Format(System.Globalization.CultureInfo.InvariantCulture, formatString, args);
        }
        catch (FormatException)
        {
            return formatString;
        }
    }
}

using System.Text.Json.Serialization;

namespace TwoFactorContracts.Bench.KestrelFloor;

/// <summary>The PIN rules of a stored application, with every field filled in.</summary>
public sealed record ApplicationConfiguration(
    int PinAttempts,
    bool AllowMultiplePinVerifications,
    string PinTimeToLive,
    string VerifyPinLimit,
    string SendPinPerApplicationLimit,
    string SendPinPerPhoneNumberLimit);

/// <summary>A stored application, as the API answers it.</summary>
public sealed record Application(
    string ApplicationId,
    string Name,
    ApplicationConfiguration Configuration,
    bool Enabled,
    string ProcessId);

/// <summary>A create or update body: every field optional, so the floor can apply defaults and validate like the mock.</summary>
public sealed class ApplicationRequest
{
    public string? Name { get; set; }
    public bool? Enabled { get; set; }
    public ConfigurationRequest? Configuration { get; set; }
}

public sealed class ConfigurationRequest
{
    public int? PinAttempts { get; set; }
    public bool? AllowMultiplePinVerifications { get; set; }
    public string? PinTimeToLive { get; set; }
    public string? VerifyPinLimit { get; set; }
    public string? SendPinPerApplicationLimit { get; set; }
    public string? SendPinPerPhoneNumberLimit { get; set; }
}

/// <summary>The API's error envelope.</summary>
public sealed record ApiError(RequestError RequestError);
public sealed record RequestError(ServiceException ServiceException);
public sealed record ServiceException(string MessageId, string Text);

// Source-generated serialisation: the fastest plain System.Text.Json path, which is what a floor should use.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Application))]
[JsonSerializable(typeof(IReadOnlyList<Application>))]
[JsonSerializable(typeof(ApplicationRequest))]
[JsonSerializable(typeof(ApiError))]
internal sealed partial class FloorJson : JsonSerializerContext;

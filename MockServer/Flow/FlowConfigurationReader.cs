using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Flow;

/// <summary>
/// Reads the PIN flow's configuration from a stored application through the field model: the one place the
/// flow names the application's fields. A value the application left out takes the contract's default; a field
/// without either does not restrict (enabled, unlimited).
/// </summary>
public sealed class FlowConfigurationReader(FieldModel model)
{
    private readonly ModelField _enabled = model.Field("enabled");
    private readonly ModelField _pinAttempts = model.Field("configuration.pinAttempts");
    private readonly ModelField _allowMultiple = model.Field("configuration.allowMultiplePinVerifications");
    private readonly ModelField _pinTimeToLive = model.Field("configuration.pinTimeToLive");
    private readonly ModelField _verifyPinLimit = model.Field("configuration.verifyPinLimit");
    private readonly ModelField _perApplication = model.Field("configuration.sendPinPerApplicationLimit");
    private readonly ModelField _perPhoneNumber = model.Field("configuration.sendPinPerPhoneNumberLimit");

    /// <summary>The configuration of <paramref name="application"/> (not empty: the caller answered 404 for that).</summary>
    public FlowConfiguration Read(StoredRecord application) => new(
        Convert.ToHexString(application.Bytes.AsSpan(0, FieldModel.IdBytes)),
        Enabled: Value(application, _enabled) is not { Present: true } enabled || enabled.Number != 0,
        PinAttempts: Value(application, _pinAttempts) is { Present: true } attempts ? (int)Math.Clamp(attempts.Number, 0, int.MaxValue) : int.MaxValue,
        AllowMultiplePinVerifications: Value(application, _allowMultiple) is not { Present: true } multiple || multiple.Number != 0,
        PinTimeToLiveMillis: Value(application, _pinTimeToLive) is { Present: true } ttl ? ttl.Number : long.MaxValue,
        VerifyPinLimit: LimitOf(application, _verifyPinLimit),
        SendPinPerApplicationLimit: LimitOf(application, _perApplication),
        SendPinPerPhoneNumberLimit: LimitOf(application, _perPhoneNumber));

    private static FieldValue Value(StoredRecord application, ModelField field) =>
        application.Read(field) is { Present: true } value ? value : field.Default;

    private static RateLimit LimitOf(StoredRecord application, ModelField field) =>
        Value(application, field) is { Present: true } limit ? new RateLimit(limit.Number, limit.Interval) : RateLimit.None;
}

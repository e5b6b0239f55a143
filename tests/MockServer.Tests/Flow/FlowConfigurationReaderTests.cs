using MockServer.Tests.Support;
using TwoFactorContracts.MockServer.Flow;
using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.State;

namespace MockServer.Tests.Flow;

public sealed class FlowConfigurationReaderTests
{
    private static readonly FieldModel Model = TestModel.Default;
    private static readonly byte[] Id = Convert.FromHexString("0123456789ABCDEF0123456789ABCDEF");

    private static StoredRecord Stored(Action<FieldValue[]> set)
    {
        var values = new FieldValue[Model.Stored.Length];
        values[Model.Field("name").StoredIndex] = FieldValue.Of("app");
        set(values);
        return StoredRecord.Build(Model, Id, new byte[]?[Model.Issued.Length], values);
    }

    private static ref FieldValue At(FieldValue[] values, string path) => ref values[Model.Field(path).StoredIndex];

    [Fact]
    public void Reads_the_six_configuration_values_and_enabled_from_the_stored_application()
    {
        var application = Stored(v =>
        {
            At(v, "enabled") = FieldValue.Of(0);
            At(v, "configuration.pinAttempts") = FieldValue.Of(4);
            At(v, "configuration.allowMultiplePinVerifications") = FieldValue.Of(0);
            At(v, "configuration.pinTimeToLive") = FieldValue.Of(2 * 60_000);
            At(v, "configuration.verifyPinLimit") = FieldValue.Of(2, 1000);
            At(v, "configuration.sendPinPerApplicationLimit") = FieldValue.Of(50, 3_600_000);
            At(v, "configuration.sendPinPerPhoneNumberLimit") = FieldValue.Of(5, 60_000);
        });

        new FlowConfigurationReader(Model).Read(application).ShouldBe(new FlowConfiguration("0123456789ABCDEF0123456789ABCDEF", false, 4, false,
            2 * 60_000, new RateLimit(2, 1000), new RateLimit(50, 3_600_000), new RateLimit(5, 60_000)));
    }

    [Fact]
    public void Values_left_out_take_the_contracts_defaults()
    {
        var configuration = new FlowConfigurationReader(Model).Read(Stored(_ => { }));
        // The contract's defaults (openapi/2fa-applications.yaml): 10, true, 15m, 1/3s, 10000/1d, 3/1d.
        configuration.ShouldBe(new FlowConfiguration("0123456789ABCDEF0123456789ABCDEF", true, 10, true, 15 * 60_000,
            new RateLimit(1, 3000), new RateLimit(10_000, 86_400_000), new RateLimit(3, 86_400_000)));
    }
}

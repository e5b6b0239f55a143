using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Flow.Templates;
using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// What the templates, PINs and verifications look up at the moment of each call: the application a request concerns,
/// as the account's store holds it now (so a configuration change applies to what comes next; an unknown application
/// is the applications' own 404), and a template of that application.
/// </summary>
public sealed class AccountLookups(TemplateStore templates, FieldModel applications)
{
    public TemplateStore Templates => templates;

    public FieldModel Applications => applications;

    /// <summary>The application, or the store's answer (the applications' 404, 503, 429).</summary>
    public static async ValueTask<(StoredRecord Application, StageError? Error)> ApplicationAsync(
        Call call, string applicationId, CancellationToken cancellationToken)
    {
        var found = call.Applications!.GetAsync(applicationId, cancellationToken);
        var answer = found.IsCompletedSuccessfully ? found.Result : await found.ConfigureAwait(false);
        return answer.Error is { } error ? (default, error) : (answer.Record, null);
    }

    /// <summary>The template of that application, or an empty record.</summary>
    public StoredRecord TemplateOf(string account, StoredRecord application, string messageId) =>
        templates.Find(account, application.Key)?.Find(messageId) ?? default;

    public static string IdOf(StoredRecord application) => Convert.ToHexString(application.Bytes.AsSpan(0, FieldModel.IdBytes));
}

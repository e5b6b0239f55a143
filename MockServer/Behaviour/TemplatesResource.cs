using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Flow;
using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// listMessageTemplates, createMessageTemplate, getMessageTemplate, updateMessageTemplate: the templates of an application
/// of the account; a template of another application is not found.
/// </summary>
public sealed class TemplatesResource(AccountLookups lookups, FieldModel templates) : IResourceBehaviour
{
    public async ValueTask<Reply> AnswerAsync(Call call, CancellationToken cancellationToken = default)
    {
        var (application, error) = await AccountLookups.ApplicationAsync(call, call.Route.ApplicationId!, cancellationToken).ConfigureAwait(false);
        if (error is not null) return error;
        var store = lookups.Templates;
        var key = application.Key;
        var operation = call.Operation;
        if (operation == Operation.ListMessageTemplates)
            return new Reply(List: store.Find(call.Account, key)?.ListAsTask().Result ?? new ApplicationListSnapshot([]));
        if (operation == Operation.GetMessageTemplate)
            return Found(store.Find(call.Account, key)?.Find(call.Route.ItemId!) ?? default);
        var body = call.Body!;
        if (operation == Operation.CreateMessageTemplate)
        {
            var issued = IssuedFor(application);
            return store.For(call.Account, key).Add(id => ApplicationChanges.Created(body, id, issued));
        }
        return Found(store.Find(call.Account, key)?.Replace(call.Route.ItemId!, current => ApplicationChanges.Updated(current, body)) ?? default);
    }

    /// <summary>A template carries its application's id (the field named like the application model's id); any other id it is issued.</summary>
    private byte[]?[] IssuedFor(StoredRecord application)
    {
        var issued = new byte[]?[templates.Issued.Length];
        for (var i = 0; i < issued.Length; i++)
            issued[i] = templates.Issued[i].Contract.JsonName == lookups.Applications.Id.Contract.JsonName
                ? application.Bytes.AsSpan(0, FieldModel.IdBytes).ToArray()
                : ApplicationIds.NewBytes();
        return issued;
    }

    private static Reply Found(StoredRecord template) => template.IsEmpty ? FlowError.TemplateNotFound : template;
}

using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Flow;
using TwoFactorContracts.MockServer.Flow.Templates;
using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// listMessageTemplates, createMessageTemplate, getMessageTemplate, updateMessageTemplate, createEmailMessageTemplate,
/// updateEmailMessageTemplate: the templates of an application of the account, of every channel in one list; a
/// template of another application is not found, and neither is a template of the other channel under an update.
/// </summary>
public sealed class TemplatesResource(AccountLookups lookups, TemplateShape shape) : IResourceBehaviour
{
    public async ValueTask<Reply> AnswerAsync(Call call, CancellationToken cancellationToken = default)
    {
        var (application, error) = await AccountLookups.ApplicationAsync(call, call.Route.ApplicationId!, cancellationToken).ConfigureAwait(false);
        if (error is not null) return error;
        var store = lookups.Templates;
        var key = application.Key;
        var operation = call.Operation;
        var templates = shape.Model;
        if (operation == Operation.ListMessageTemplates)
            return new Reply(List: store.Find(call.Account, key)?.ListAsTask().Result ?? new ApplicationListSnapshot([]));
        if (operation == Operation.GetMessageTemplate)
            return Found(store.Find(call.Account, key)?.Find(call.Route.ItemId!) ?? default);
        var body = call.Body!;
        if (operation == Operation.CreateMessageTemplate || operation == Operation.CreateEmailMessageTemplate)
        {
            var issued = IssuedFor(application);
            return store.For(call.Account, key).Add(id => ApplicationChanges.Created(body, templates, id, issued));
        }
        var email = operation == Operation.UpdateEmailMessageTemplate;
        // An update reaches its own channel's templates only (template-channel): an email update never finds an SMS template, nor the reverse.
        if (store.Find(call.Account, key)?.Find(call.Route.ItemId!) is { IsEmpty: false } current && shape.IsEmail(current) != email)
            return FlowError.TemplateNotFound;
        return Found(store.Find(call.Account, key)?.Replace(call.Route.ItemId!, current => ApplicationChanges.Updated(current, body, templates)) ?? default);
    }

    /// <summary>A template carries its application's id (the field named like the application model's id); any other id it is issued.</summary>
    private byte[]?[] IssuedFor(StoredRecord application)
    {
        var templates = shape.Model;
        var issued = new byte[]?[templates.Issued.Length];
        for (var i = 0; i < issued.Length; i++)
            issued[i] = templates.Issued[i].Contract.JsonName == lookups.Applications.Id.Contract.JsonName
                ? application.Bytes.AsSpan(0, FieldModel.IdBytes).ToArray()
                : ApplicationIds.NewBytes();
        return issued;
    }

    private static Reply Found(StoredRecord template) => template.IsEmpty ? FlowError.TemplateNotFound : template;
}

using System.Collections.Concurrent;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Flow.Templates;

/// <summary>
/// The message templates of every account's applications, in this process (with <c>--store redis</c> too: the
/// flow's state is per replica this round). Each application's templates are an <see cref="AccountApplications"/>
/// laid out by the template model: compact records, creation order, ids issued like applications'. Scoped by
/// account and application, so a template asked for under another application is not found.
/// </summary>
public sealed class TemplateStore
{
    private volatile ConcurrentDictionary<(string Account, ApplicationKey Application), AccountApplications> _templates = new();

    /// <summary>The templates of one application of the account (created empty on first use).</summary>
    public AccountApplications For(string account, ApplicationKey application) =>
        _templates.GetOrAdd((account, application), static _ => new AccountApplications([]));

    /// <summary>The templates of the application if any were ever created, else null (nothing is created by a read).</summary>
    public AccountApplications? Find(string account, ApplicationKey application) =>
        _templates.TryGetValue((account, application), out var found) ? found : null;

    /// <summary>Every template forgotten (<c>POST /__admin/reset</c>).</summary>
    public void Reset() => _templates = new();
}

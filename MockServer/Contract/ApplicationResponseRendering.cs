namespace TwoFactorContracts.MockServer.Contract;

// A stored application never changes (an update stores a new instance), so its serialized forms are cached
// on it: the hot path writes these bytes instead of serializing again.
public partial class ApplicationResponse
{
    internal byte[]? RenderedJson;
    internal byte[]? RenderedXml;
}

public partial class ApplicationResponse
{
    // Get returns the same completed task for an unchanged application: no allocation per request.
    internal Task<ApplicationResponse>? CompletedTask;
}

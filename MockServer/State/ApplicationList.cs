namespace TwoFactorContracts.MockServer.State;

/// <summary>
/// An account's applications at one moment, in creation order. It is what list returns; the response stage
/// caches its serialized bodies here, and the account drops the snapshot on every write.
/// </summary>
public sealed class ApplicationListSnapshot(IReadOnlyList<byte[]> records)
{
    public int Count => records.Count;

    public StoredRecord this[int index] => new(records[index]);

    internal byte[]? RenderedJson;
    internal byte[]? RenderedXml;
}

using System.Buffers.Binary;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Responses;

/// <summary>
/// The bodies of recently read applications, so a client polling one application gets the bytes rendered for its
/// last get instead of a fresh rendering and allocation each time (the bench's get rows, bench/findings.md). Bounded: one slot per id hash, at most <see cref="Slots"/> kept, so
/// the compact records stay the only per-application memory. A slot is keyed by the record itself (records are never
/// mutated: an update stores a new one), so a kept body can never outlive the version it renders.
/// </summary>
internal sealed class RenderedApplications
{
    public const int Slots = 4096;

    private readonly Entry?[] _slots = new Entry?[Slots];

    public byte[]? Find(StoredRecord application, MediaType type)
    {
        var entry = Volatile.Read(ref _slots[SlotOf(application)]);
        return entry is not null && ReferenceEquals(entry.Record, application.Bytes) ? entry.BodyIn(type) : null;
    }

    public void Keep(StoredRecord application, MediaType type, byte[] body)
    {
        ref var slot = ref _slots[SlotOf(application)];
        var entry = Volatile.Read(ref slot);
        // Two threads rendering the same version write the same bytes: a lost write only costs a rendering.
        if (entry is null || !ReferenceEquals(entry.Record, application.Bytes)) Volatile.Write(ref slot, entry = new Entry(application.Bytes));
        if (type == MediaType.Xml) entry.Xml = body;
        else entry.Json = body;
    }

    // Ids are random: their first bytes spread the slots evenly.
    private static int SlotOf(StoredRecord application) =>
        (int)(BinaryPrimitives.ReadUInt32LittleEndian(application.Bytes.AsSpan(0, FieldModel.IdBytes)) % Slots);

    private sealed class Entry(byte[] record)
    {
        public byte[] Record { get; } = record;
        public byte[]? Json;
        public byte[]? Xml;

        public byte[]? BodyIn(MediaType type) => type == MediaType.Xml ? Xml : Json;
    }
}

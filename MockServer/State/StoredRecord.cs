using System.Buffers.Binary;
using System.Text;
using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Model;

namespace TwoFactorContracts.MockServer.State;

/// <summary>
/// A stored application as one compact byte array laid out by the <see cref="FieldModel"/>: ids as 16
/// bytes, times and limits as numbers, strings as UTF-8; rendered to JSON or XML on the way out. An array of
/// bytes holds no references, so a million of them cost the garbage collector nothing to scan. Never mutated:
/// an update stores a new one.
/// </summary>
public readonly struct StoredRecord(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes;

    public bool IsEmpty => Bytes is null;

    public ApplicationKey Key => ApplicationKey.From(Bytes);

    public bool Has(ModelField field) =>
        (BinaryPrimitives.ReadUInt64LittleEndian(Bytes.AsSpan(MaskOffset(field))) & (1UL << field.StoredIndex)) != 0;

    /// <summary>Whether the record holds a value inside a group (a template's <c>regional</c> is written only then).</summary>
    public bool HasAnyInside(ModelField group) =>
        (BinaryPrimitives.ReadUInt64LittleEndian(Bytes.AsSpan(MaskOffset(group))) & group.InsideMask) != 0;

    /// <summary>The value of a stored field (not present when the contract gave it no default and no request set it).</summary>
    public FieldValue Read(ModelField field)
    {
        var bytes = Bytes;
        var mask = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(MaskOffset(field)));
        if ((mask & (1UL << field.StoredIndex)) == 0) return default;
        if (field.Offset >= 0)
        {
            var at = bytes.AsSpan(field.Offset);
            return field.Kind switch
            {
                FieldKind.Boolean => FieldValue.Of(at[0]),
                FieldKind.Int32 => FieldValue.Of(BinaryPrimitives.ReadInt32LittleEndian(at)),
                FieldKind.Time or FieldKind.Number or FieldKind.Int64 => FieldValue.Of(BinaryPrimitives.ReadInt64LittleEndian(at)),
                _ => FieldValue.Of(BinaryPrimitives.ReadInt32LittleEndian(at), BinaryPrimitives.ReadInt64LittleEndian(at[sizeof(int)..])),
            };
        }
        return FieldValue.Of(Encoding.UTF8.GetString(StringBytes(field)));
    }

    /// <summary>A stored string's UTF-8 bytes (the writers copy them without decoding).</summary>
    public ReadOnlySpan<byte> StringBytes(ModelField field)
    {
        var position = FixedBytesOf(field);
        foreach (var s in StringsOf(field))
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(Bytes.AsSpan(position));
            position += sizeof(int);
            if (s == field) return length < 0 ? default : Bytes.AsSpan(position, length);
            position += Math.Max(0, length);
        }
        throw new ArgumentException($"{field.Path} is not a stored string.", nameof(field));
    }

    /// <summary>The issued id (16 bytes), or empty when this application has none (today's API issues no processId).</summary>
    public ReadOnlySpan<byte> IssuedId(int issued)
    {
        var at = FieldModel.IdBytes + (issued * (1 + FieldModel.IdBytes));
        return Bytes[at] == 0 ? default : Bytes.AsSpan(at + 1, FieldModel.IdBytes);
    }

    // The layout is the model's; the record carries no pointer to it (8 bytes a record), so it is found
    // through the field, which knows its model's offsets.
    private static int MaskOffset(ModelField field) => field.Model.MaskOffset;
    private static int FixedBytesOf(ModelField field) => field.Model.FixedBytes;
    private static ModelField[] StringsOf(ModelField field) => field.Model.Strings;

    /// <summary>Lays out a record: the id, the issued ids (null for none), and a value per stored field.</summary>
    public static StoredRecord Build(FieldModel model, ReadOnlySpan<byte> id, ReadOnlySpan<byte[]?> issued, ReadOnlySpan<FieldValue> values)
    {
        Span<int> lengths = stackalloc int[model.Strings.Length];
        var size = model.FixedBytes;
        for (var i = 0; i < model.Strings.Length; i++)
        {
            var value = values[model.Strings[i].StoredIndex];
            lengths[i] = value.Present && value.Text is not null ? Encoding.UTF8.GetByteCount(value.Text) : -1;
            size += sizeof(int) + Math.Max(0, lengths[i]);
        }
        var bytes = new byte[size];
        id.CopyTo(bytes);
        for (var i = 0; i < model.Issued.Length; i++)
        {
            if (issued[i] is not { } issuedId) continue;
            var at = FieldModel.IdBytes + (i * (1 + FieldModel.IdBytes));
            bytes[at] = 1;
            issuedId.CopyTo(bytes.AsSpan(at + 1));
        }
        ulong mask = 0;
        foreach (var field in model.Stored)
        {
            var value = values[field.StoredIndex];
            if (!value.Present) continue;
            mask |= 1UL << field.StoredIndex;
            if (field.Offset < 0) continue;
            var at = bytes.AsSpan(field.Offset);
            switch (field.Kind)
            {
                case FieldKind.Boolean: at[0] = (byte)(value.Number != 0 ? 1 : 0); break;
                case FieldKind.Int32: BinaryPrimitives.WriteInt32LittleEndian(at, (int)value.Number); break;
                case FieldKind.Time or FieldKind.Number or FieldKind.Int64: BinaryPrimitives.WriteInt64LittleEndian(at, value.Number); break;
                default:
                    BinaryPrimitives.WriteInt32LittleEndian(at, (int)value.Number);
                    BinaryPrimitives.WriteInt64LittleEndian(at[sizeof(int)..], value.Interval);
                    break;
            }
        }
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(model.MaskOffset), mask);
        var position = model.FixedBytes;
        for (var i = 0; i < model.Strings.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(position), lengths[i]);
            position += sizeof(int);
            if (lengths[i] <= 0) continue;
            position += Encoding.UTF8.GetBytes(values[model.Strings[i].StoredIndex].Text, bytes.AsSpan(position));
        }
        return new StoredRecord(bytes);
    }

    /// <summary>Every stored value, indexed by <see cref="ModelField.StoredIndex"/> (for merging an update).</summary>
    public FieldValue[] ReadAll(FieldModel model)
    {
        var values = new FieldValue[model.Stored.Length];
        foreach (var field in model.Stored) values[field.StoredIndex] = Read(field);
        return values;
    }

    public byte[]?[] IssuedIds(FieldModel model)
    {
        var ids = new byte[]?[model.Issued.Length];
        for (var i = 0; i < ids.Length; i++) ids[i] = IssuedId(i) is { IsEmpty: false } id ? id.ToArray() : null;
        return ids;
    }
}

/// <summary>An application id as the 16 bytes its 32 hex characters spell: the store's key.</summary>
public readonly record struct ApplicationKey(ulong High, ulong Low)
{
    public static ApplicationKey From(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));

    /// <summary>Reads an id as the API writes it (32 upper-case hex characters); false for anything else, which no application has.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ApplicationKey key)
    {
        key = default;
        if (text.Length != 32) return false;
        foreach (var c in text)
            if (!char.IsAsciiHexDigitUpper(c) && !char.IsAsciiDigit(c)) return false;
        Span<byte> bytes = stackalloc byte[16];
        if (Convert.FromHexString(text, bytes, out _, out _) != System.Buffers.OperationStatus.Done) return false;
        key = From(bytes);
        return true;
    }

    public void WriteTo(Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt64BigEndian(bytes, High);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], Low);
    }
}

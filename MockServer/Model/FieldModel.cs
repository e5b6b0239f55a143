using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Model;

/// <summary>
/// One field of the application model at run time: the contract's description plus what the stages need
/// precomputed (encoded names, the parsed default, where the compact record keeps it).
/// </summary>
public sealed class ModelField
{
    internal ModelField(int index, ContractField contract)
    {
        Index = index;
        Contract = contract;
        JsonName = JsonEncodedText.Encode(contract.JsonName);
        JsonNameUtf8 = Encoding.UTF8.GetBytes(contract.JsonName);
        Pattern = contract.Kind == FieldKind.String && contract.Pattern is { } pattern ? new Regex(pattern, RegexOptions.CultureInvariant) : null;
    }

    /// <summary>Position in <see cref="FieldModel.Fields"/>: request order, the order violations are reported in.</summary>
    public int Index { get; }
    public ContractField Contract { get; }
    public string Path => Contract.Path;
    public FieldKind Kind => Contract.Kind;
    public string XmlName => Contract.XmlName;
    public JsonEncodedText JsonName { get; }
    public byte[] JsonNameUtf8 { get; }
    public Regex? Pattern { get; }

    /// <summary>The group it sits in (configuration, regional.indiaDlt), or null at the top.</summary>
    public ModelField? Parent { get; internal set; }

    /// <summary>The model the field belongs to (its record layout).</summary>
    public FieldModel Model { get; internal set; } = null!;

    /// <summary>The fields of a group, in the contract's order.</summary>
    public ModelField[] Children { get; internal set; } = [];

    /// <summary>The presence bits of the stored fields at any depth inside a group: a record holds the group when it holds one of them.</summary>
    public ulong InsideMask { get; internal set; }

    /// <summary>The contract's default, read like a request value would be; not present when there is none.</summary>
    public FieldValue Default { get; internal set; }

    /// <summary>Position among <see cref="FieldModel.Stored"/> (bit in the record's presence mask), or -1.</summary>
    public int StoredIndex { get; internal set; } = -1;

    /// <summary>Byte offset of a fixed-size value in the record, or -1 (strings live in the record's tail).</summary>
    public int Offset { get; internal set; } = -1;

    public override string ToString() => Path;
}

/// <summary>
/// The application model: every field of request, response and configuration, read from the contract once at
/// start (<see cref="ContractFields"/>). Readers, validation, the compact record, merging, the examples key and
/// the writers all walk this table; none of them names a field.
/// </summary>
public sealed class FieldModel
{
    public FieldModel(ContractFields fields)
    {
        Fields = fields.All.Select((f, i) => new ModelField(i, f) { Model = this }).ToArray();
        foreach (var field in Fields)
            if (field.Contract.Parent is { } parent) field.Parent = Fields.First(f => f.Path == parent);
        foreach (var field in Fields)
            field.Children = Fields.Where(f => f.Parent == field).ToArray();

        RequestTop = Fields.Where(f => f.Contract.InRequest && f.Parent is null).ToArray();
        ResponseTop = Fields.Where(f => f.Contract.InResponse && f.Parent is null).OrderBy(f => f.Contract.ResponseOrder).ToArray();
        _id = fields.IdField is null ? null : Fields.Single(f => f.Path == fields.IdField);
        // A response-only field with a default is a constant of the resource (a template's pinPlaceholder);
        // the rest are ids the mock issues (processId) or takes from the path (a template's applicationId).
        Constants = Fields.Where(f => !f.Contract.InRequest && f != _id && f.Contract.Default is not null).ToArray();
        Issued = Fields.Where(f => !f.Contract.InRequest && f != _id && f.Contract.Default is null).ToArray();
        foreach (var issued in Issued)
            if (issued.Kind != FieldKind.String || issued.Parent is not null)
                throw new InvalidDataException($"{issued.Path}: a field only responses carry must be a top-level string (an id the mock issues).");
        Stored = Fields.Where(f => f.Contract.InRequest && f.Kind is not (FieldKind.Object or FieldKind.Map)).ToArray();
        if (Stored.Length > 64) throw new InvalidDataException("The compact record holds at most 64 fields.");

        // Record layout: id, then each issued id (a presence byte and 16 bytes), the presence mask, fixed-size
        // values in field order, and the strings last (length-prefixed UTF-8).
        var offset = IdBytes + (Issued.Length * (1 + IdBytes));
        MaskOffset = offset;
        offset += sizeof(ulong);
        for (var i = 0; i < Stored.Length; i++)
        {
            var field = Stored[i];
            field.StoredIndex = i;
            var size = SizeOf(field.Kind);
            if (size == 0) continue;
            field.Offset = offset;
            offset += size;
        }
        FixedBytes = offset;
        Strings = Stored.Where(f => f.Offset < 0).ToArray();
        foreach (var field in Stored) field.Default = DefaultOf(field);
        foreach (var group in Fields.Where(f => f.Kind == FieldKind.Object))
            group.InsideMask = Stored.Where(f => IsInside(f, group)).Aggregate(0UL, (mask, f) => mask | (1UL << f.StoredIndex));
        foreach (var field in Constants) field.Default = FieldValue.Of(field.Contract.Default!);
    }

    private readonly ModelField? _id;

    public const int IdBytes = 16;

    /// <summary>
    /// Names the record layout (fields, kinds, order): a shared store keys its records by it, so replicas built
    /// from different contracts never read each other's records.
    /// </summary>
    public string LayoutId => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join(';', Fields.Select(f => $"{f.Path}:{f.Kind}:{f.StoredIndex}:{f.Contract.InRequest}")))))[..12];

    /// <summary>Every field, request fields first in the contract's order, then those only a response carries.</summary>
    public IReadOnlyList<ModelField> Fields { get; }

    /// <summary>The top-level fields a request may carry.</summary>
    public ModelField[] RequestTop { get; }

    /// <summary>The top-level fields of a response, in the contract's order.</summary>
    public ModelField[] ResponseTop { get; }

    /// <summary>The resource's id (the response field named like the path parameter).</summary>
    public ModelField Id => _id ?? throw new InvalidOperationException("This model (a request body) has no id.");

    /// <summary>Response-only fields with the contract's default as their fixed value.</summary>
    public ModelField[] Constants { get; }

    /// <summary>Ids the mock issues on create besides the application id (processId).</summary>
    public ModelField[] Issued { get; }

    /// <summary>The values a stored application keeps: every request field that is not a group.</summary>
    public ModelField[] Stored { get; }

    internal ModelField[] Strings { get; }
    internal int MaskOffset { get; }
    internal int FixedBytes { get; }

    public ModelField Field(string path) =>
        Fields.FirstOrDefault(f => f.Path == path) ?? throw new KeyNotFoundException($"The contract has no field '{path}'.");

    /// <summary>A fresh set of request values (none present), indexed by <see cref="ModelField.Index"/>.</summary>
    public FieldValue[] NewValues() => new FieldValue[Fields.Count];

    private static bool IsInside(ModelField field, ModelField group)
    {
        for (var parent = field.Parent; parent is not null; parent = parent.Parent)
            if (parent == group) return true;
        return false;
    }

    private static int SizeOf(FieldKind kind) => kind switch
    {
        FieldKind.Boolean => 1,
        FieldKind.Int32 => sizeof(int),
        FieldKind.Int64 => sizeof(long),
        FieldKind.Time => sizeof(long),
        FieldKind.Number => sizeof(double),
        FieldKind.Limit => sizeof(int) + sizeof(long),
        _ => 0,
    };

    private static FieldValue DefaultOf(ModelField field)
    {
        if (field.Contract.Default is not { } text) return default;
        var value = field.Kind switch
        {
            FieldKind.Boolean when text is "true" or "false" => FieldValue.Of(text == "true" ? 1 : 0),
            FieldKind.Int32 when int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var n) => FieldValue.Of(n),
            FieldKind.Int64 when long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var l) => FieldValue.Of(l),
            FieldKind.Number when double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) => FieldValue.OfDouble(d),
            FieldKind.Time when Duration.TryParse(text, out var ms) => FieldValue.Of(ms),
            FieldKind.Limit when Limit.TryParse(text, out var attempts, out var interval) => FieldValue.Of(attempts, interval),
            FieldKind.String => FieldValue.Of(text),
            _ => throw new InvalidDataException($"{field.Path}: the default '{text}' is not a {field.Kind}."),
        };
        return value;
    }
}

/// <summary>
/// One field's value. Numbers, booleans (0/1), times (milliseconds) and limits (attempts and interval in
/// milliseconds) are numbers; a time or limit read from a request keeps its text until validation reads it.
/// </summary>
public struct FieldValue
{
    public bool Present;
    public long Number;
    public long Interval;
    public string? Text;

    /// <summary>A map's entries (placeholders), in the order sent.</summary>
    public List<KeyValuePair<string, string>>? Entries;

    /// <summary>A decimal number's value (kept as the bits of a double in <see cref="Number"/>).</summary>
    public readonly double Double => BitConverter.Int64BitsToDouble(Number);

    public static FieldValue OfDouble(double value) => Of(BitConverter.DoubleToInt64Bits(value));

    public static FieldValue Of(long number, long interval = 0) => new() { Present = true, Number = number, Interval = interval };

    public static FieldValue Of(string text) => new() { Present = true, Text = text };
}

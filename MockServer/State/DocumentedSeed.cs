using System.Text.Json;
using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Examples;
using TwoFactorContracts.MockServer.Model;

namespace TwoFactorContracts.MockServer.State;

/// <summary>The seed: the applications of the contract's listApplications JSON example <c>basic</c>, read by the field model.</summary>
public static class DocumentedSeed
{
    public static IReadOnlyList<StoredRecord> From(ExampleCatalog catalog, FieldModel model, SeedMode mode)
    {
        if (mode == SeedMode.Empty) return [];
        var answer = catalog.DefaultAnswer(Operation.ListApplications, 200);
        using var document = JsonDocument.Parse(answer.Json?.Utf8
            ?? throw new InvalidDataException("The listApplications basic example has no JSON form."));
        return document.RootElement.EnumerateArray().Select(a => Read(model, a)).ToList();
    }

    /// <summary>One application of a response body (as the contract's examples show it) as a compact record.</summary>
    public static StoredRecord Read(FieldModel model, JsonElement application)
    {
        Span<byte> id = stackalloc byte[FieldModel.IdBytes];
        if (!ApplicationKey.TryParse(Text(application, model.Id) ?? "", out var key))
            throw new InvalidDataException($"A documented application's {model.Id.Path} is not 32 upper-case hex characters.");
        key.WriteTo(id);
        var issued = model.Issued.Select(f => Text(application, f) is { } text && ApplicationKey.TryParse(text, out var k) ? Bytes(k) : null).ToArray();
        var values = new FieldValue[model.Stored.Length];
        foreach (var field in model.Stored)
            values[field.StoredIndex] = Element(application, field) is { } element ? Value(field, element) : field.Default;
        return StoredRecord.Build(model, id, issued, values);
    }

    private static byte[] Bytes(ApplicationKey key)
    {
        var bytes = new byte[FieldModel.IdBytes];
        key.WriteTo(bytes);
        return bytes;
    }

    private static JsonElement? Element(JsonElement application, ModelField field)
    {
        JsonElement owner;
        if (field.Parent is null) owner = application;
        else if (Element(application, field.Parent) is { ValueKind: JsonValueKind.Object } group) owner = group; // a group in a group too
        else return null;
        return owner.TryGetProperty(field.Contract.JsonName, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    private static string? Text(JsonElement application, ModelField field) =>
        Element(application, field) is { ValueKind: JsonValueKind.String } element ? element.GetString() : null;

    private static FieldValue Value(ModelField field, JsonElement element) => field.Kind switch
    {
        FieldKind.Int32 => FieldValue.Of(element.GetInt32()),
        FieldKind.Int64 => FieldValue.Of(element.GetInt64()),
        FieldKind.Boolean => FieldValue.Of(element.GetBoolean() ? 1 : 0),
        FieldKind.Time when Duration.TryParse(element.GetString(), out var ms) => FieldValue.Of(ms),
        FieldKind.Limit when Limit.TryParse(element.GetString(), out var attempts, out var interval) => FieldValue.Of(attempts, interval),
        FieldKind.String => FieldValue.Of(element.GetString()!),
        _ => throw new InvalidDataException($"A documented application's {field.Path} is not a {field.Kind}."),
    };
}

using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Model;

namespace TwoFactorContracts.MockServer.Input;

/// <summary>
/// Reads a JSON application request with Utf8JsonReader: depth-limited, strict types (a wrong type is a field
/// violation with its path), null taken as omitted, unknown properties ignored. Which properties exist
/// and what they hold comes from the field model. The whole body must be UTF-8
/// (RFC 8259), checked once up front: the reader only decodes the strings it keeps, so bytes in an ignored
/// property would otherwise pass unseen.
/// </summary>
public static class JsonBodyReader
{
    private const int MaxDepth = 32;

    public static bool TryRead(FieldModel model, ReadOnlySpan<byte> body, out ParsedBody parsed, [NotNullWhen(false)] out InputError? error)
    {
        parsed = new ParsedBody(model);
        error = null;
        if (body.IsEmpty) { error = InputError.MissingBody; return false; }
        if (!System.Text.Unicode.Utf8.IsValid(body)) { error = InputError.Malformed("JSON", "the body is not valid UTF-8"); return false; }
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            if (!reader.Read()) { error = InputError.MissingBody; return false; }
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                error = InputError.Malformed("JSON", "the body must be a JSON object");
                return false;
            }
            ReadObject(ref reader, parsed, model.RequestTop);
            // Anything after the object (other than whitespace) is malformed; Read throws on it.
            if (reader.Read()) { error = InputError.Malformed("JSON", "unexpected content after the object"); return false; }
            return true;
        }
        catch (JsonException e)
        {
            error = InputError.Malformed("JSON", Describe(e));
            return false;
        }
    }

    /// <summary>Reads the properties of an object whose fields are <paramref name="fields"/>; unknown properties are skipped.</summary>
    private static void ReadObject(ref Utf8JsonReader reader, ParsedBody parsed, ModelField[] fields)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = FieldOf(ref reader, fields);
            reader.Read();
            // Null is "left out" (the contract's fields are nullable).
            if (field is null || reader.TokenType == JsonTokenType.Null)
            {
                reader.Skip();
                continue;
            }
            switch (field.Kind)
            {
                case FieldKind.Object:
                    if (reader.TokenType != JsonTokenType.StartObject) { WrongType(ref reader, parsed, field); break; }
                    parsed[field].Present = true;
                    ReadObject(ref reader, parsed, field.Children);
                    break;
                case FieldKind.Int32:
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number)) parsed.Set(field, FieldValue.Of(number));
                    else WrongType(ref reader, parsed, field);
                    break;
                case FieldKind.Int64:
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var wide)) parsed.Set(field, FieldValue.Of(wide));
                    else WrongType(ref reader, parsed, field);
                    break;
                case FieldKind.Number:
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var real)) parsed.Set(field, FieldValue.OfDouble(real));
                    else WrongType(ref reader, parsed, field);
                    break;
                case FieldKind.Map:
                    if (reader.TokenType != JsonTokenType.StartObject) { WrongType(ref reader, parsed, field); break; }
                    ReadMap(ref reader, parsed, field);
                    break;
                case FieldKind.Boolean:
                    if (reader.TokenType is JsonTokenType.True or JsonTokenType.False) parsed.Set(field, FieldValue.Of(reader.GetBoolean() ? 1 : 0));
                    else WrongType(ref reader, parsed, field);
                    break;
                default:
                    if (reader.TokenType == JsonTokenType.String) parsed.Set(field, FieldValue.Of(TextOf(ref reader)));
                    else WrongType(ref reader, parsed, field);
                    break;
            }
        }
    }

    /// <summary>An object of string values named by the client (placeholders); any other value is a wrong type.</summary>
    private static void ReadMap(ref Utf8JsonReader reader, ParsedBody parsed, ModelField field)
    {
        var entries = new List<KeyValuePair<string, string>>();
        var wrong = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = TextOf(ref reader);
            reader.Read();
            if (reader.TokenType == JsonTokenType.String) entries.Add(new(name, TextOf(ref reader)));
            else { wrong = true; reader.Skip(); }
        }
        if (wrong) parsed.WrongType(field);
        else parsed.Set(field, new FieldValue { Present = true, Entries = entries });
    }

    private static ModelField? FieldOf(ref Utf8JsonReader reader, ModelField[] fields)
    {
        foreach (var field in fields)
            if (NameIs(ref reader, field.JsonNameUtf8)) return field;
        return null;
    }

    // Decoding a string or a property name can still fail after the UTF-8 check: an escaped lone surrogate
    // such as \uD800 is no text. Every decode goes through these two, so any such failure is malformed input.

    /// <summary>The current string token as text.</summary>
    private static string TextOf(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw NotText(); // the token is a string, so this can only be a failure to decode it
        }
    }

    /// <summary>Whether the current property name is <paramref name="name"/>.</summary>
    private static bool NameIs(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        try
        {
            return reader.ValueTextEquals(name);
        }
        catch (InvalidOperationException)
        {
            throw NotText(); // the token is a property name, so this can only be a failure to decode it
        }
    }

    private static JsonException NotText() => new("a string is not valid text (an escaped lone surrogate)");

    private static void WrongType(ref Utf8JsonReader reader, ParsedBody parsed, ModelField field)
    {
        parsed.WrongType(field);
        reader.Skip();
    }

    private static string Describe(JsonException e)
    {
        // The reader's message names the problem and position; the exception type and stack never leave the server.
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}

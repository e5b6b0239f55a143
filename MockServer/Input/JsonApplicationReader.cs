using System.Text.Json;

namespace TwoFactorContracts.MockServer.Input;

/// <summary>
/// Reads a JSON application request with Utf8JsonReader: depth-limited, strict types (a wrong type is a field
/// violation with its path), null taken as omitted, unknown properties ignored. The whole body must be UTF-8
/// (RFC 8259), checked once up front: the reader only decodes the strings it keeps, so bytes in an ignored
/// property would otherwise pass unseen.
/// </summary>
public static class JsonApplicationReader
{
    private const int MaxDepth = 32;

    public static bool TryRead(ReadOnlySpan<byte> body, out ParsedApplication parsed, out InputError? error)
    {
        parsed = new ParsedApplication();
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
            ReadApplication(ref reader, parsed);
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

    private static void ReadApplication(ref Utf8JsonReader reader, ParsedApplication parsed)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (NameIs(ref reader, "name"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) parsed.Request.Name = TextOf(ref reader);
                else if (reader.TokenType != JsonTokenType.Null) WrongType(ref reader, parsed, ApplicationField.Name, "must be a string");
            }
            else if (NameIs(ref reader, "enabled"u8))
            {
                reader.Read();
                if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
                {
                    parsed.Request.Enabled = reader.GetBoolean();
                    parsed.Request.EnabledPresent = true;
                }
                else if (reader.TokenType != JsonTokenType.Null) WrongType(ref reader, parsed, ApplicationField.Enabled, "must be a boolean");
            }
            else if (NameIs(ref reader, "configuration"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject) ReadConfiguration(ref reader, parsed);
                else if (reader.TokenType != JsonTokenType.Null) WrongType(ref reader, parsed, ApplicationField.Configuration, "must be an object");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadConfiguration(ref Utf8JsonReader reader, ParsedApplication parsed)
    {
        parsed.MarkPresent(Contract.ConfigurationFields.None);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = FieldOf(ref reader);
            reader.Read();
            if (field is null || reader.TokenType == JsonTokenType.Null)
            {
                reader.Skip();
                continue;
            }

            switch (field.Value)
            {
                case ApplicationField.PinAttempts:
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var attempts)) parsed.SetPinAttempts(attempts);
                    else WrongType(ref reader, parsed, field.Value, "must be a 32-bit integer");
                    break;
                case ApplicationField.AllowMultiplePinVerifications:
                    if (reader.TokenType is JsonTokenType.True or JsonTokenType.False) parsed.SetAllowMultiplePinVerifications(reader.GetBoolean());
                    else WrongType(ref reader, parsed, field.Value, "must be a boolean");
                    break;
                default:
                    if (reader.TokenType == JsonTokenType.String) parsed.SetText(field.Value, TextOf(ref reader));
                    else WrongType(ref reader, parsed, field.Value, "must be a string");
                    break;
            }
        }
    }

    private static ApplicationField? FieldOf(ref Utf8JsonReader reader)
    {
        if (NameIs(ref reader, "pinAttempts"u8)) return ApplicationField.PinAttempts;
        if (NameIs(ref reader, "allowMultiplePinVerifications"u8)) return ApplicationField.AllowMultiplePinVerifications;
        if (NameIs(ref reader, "pinTimeToLive"u8)) return ApplicationField.PinTimeToLive;
        if (NameIs(ref reader, "verifyPinLimit"u8)) return ApplicationField.VerifyPinLimit;
        if (NameIs(ref reader, "sendPinPerApplicationLimit"u8)) return ApplicationField.SendPinPerApplicationLimit;
        if (NameIs(ref reader, "sendPinPerPhoneNumberLimit"u8)) return ApplicationField.SendPinPerPhoneNumberLimit;
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

    private static void WrongType(ref Utf8JsonReader reader, ParsedApplication parsed, ApplicationField field, string message)
    {
        parsed.Violations.Add(new FieldViolation(field, message));
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

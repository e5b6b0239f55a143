using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Flow.Templates;

/// <summary>
/// What the PIN engine needs of a stored template (its text, PIN shape and, for email, its email template and
/// sender), read through the template model: the one place the flow names a template's fields. Everything else about
/// a template (reading, validating, storing, writing) walks the model read from the contract.
/// </summary>
public sealed class TemplateShape(FieldModel templates)
{
    private readonly ModelField _messageText = templates.Field("messageText");
    private readonly ModelField _pinType = templates.Field("pinType");
    private readonly ModelField _pinLength = templates.Field("pinLength");
    private readonly ModelField _emailTemplateId = templates.Field("emailTemplateId");
    private readonly ModelField _from = templates.Field("from");

    public FieldModel Model => templates;

    /// <summary>An email template: one with an emailTemplateId (an SMS or voice template has messageText instead).</summary>
    public bool IsEmail(StoredRecord template) => template.Has(_emailTemplateId);

    public PinTemplate Read(StoredRecord template) => new(
        Convert.ToHexString(template.Bytes.AsSpan(0, FieldModel.IdBytes)),
        Text(template, _messageText) ?? "",
        Enum.TryParse<PinType>(Text(template, _pinType), ignoreCase: true, out var type)
            ? type
            : throw new InvalidDataException($"The contract's pinType '{Text(template, _pinType)}' is no PIN type the engine knows."),
        (int)Value(template, _pinLength).Number)
    {
        EmailTemplateId = IsEmail(template) ? template.Read(_emailTemplateId).Number : null,
        From = Text(template, _from),
    };

    private static string? Text(StoredRecord template, ModelField field) => Value(template, field).Text;

    private static FieldValue Value(StoredRecord template, ModelField field) =>
        template.Read(field) is { Present: true } value ? value : field.Default;
}

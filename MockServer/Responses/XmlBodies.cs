using TwoFactorContracts.Contract;
using System.Text;
using TwoFactorContracts.MockServer.Contract;
using TwoFactorContracts.MockServer.Pipeline;

namespace TwoFactorContracts.MockServer.Responses;

/// <summary>
/// XML bodies with the contract's element names. Written by hand (the shapes are fixed and small) so a
/// list can be assembled from each application's cached item fragment.
/// </summary>
public sealed class XmlBodies(ContractXmlNames names)
{
    public ContractXmlNames Names => names;

    public byte[] Application(ApplicationResponse application)
    {
        var builder = new StringBuilder(600);
        builder.Append("<?xml version='1.0' encoding='UTF-8'?>");
        AppendApplication(builder, application, names.ResponseRoot);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>A list body; like the JSON list, it caches nothing per application.</summary>
    public byte[] List(IReadOnlyList<ApplicationResponse> applications)
    {
        var builder = new StringBuilder(64 + (applications.Count * 620));
        builder.Append("<?xml version='1.0' encoding='UTF-8'?>");
        builder.Append('<').Append(names.ListRoot).Append('>');
        foreach (var application in applications) AppendApplication(builder, application, names.ListItem);
        builder.Append("</").Append(names.ListRoot).Append('>');
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    public byte[] Error(StageError error)
    {
        var builder = new StringBuilder(300);
        builder.Append("<?xml version='1.0' encoding='UTF-8'?>");
        builder.Append('<').Append(names.ErrorRoot).Append("><requestError><serviceException>");
        Element(builder, "messageId", error.MessageId);
        Element(builder, "text", error.Text);
        builder.Append("</serviceException></requestError></").Append(names.ErrorRoot).Append('>');
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static void AppendApplication(StringBuilder builder, ApplicationResponse application, string root)
    {
        var configuration = application.Configuration;
        builder.Append('<').Append(root).Append('>');
        Element(builder, "applicationId", application.ApplicationId);
        Element(builder, "name", application.Name);
        builder.Append("<configuration>");
        Element(builder, "pinAttempts", configuration.PinAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Element(builder, "allowMultiplePinVerifications", configuration.AllowMultiplePinVerifications ? "true" : "false");
        Element(builder, "pinTimeToLive", configuration.PinTimeToLive);
        Element(builder, "verifyPinLimit", configuration.VerifyPinLimit);
        Element(builder, "sendPinPerApplicationLimit", configuration.SendPinPerApplicationLimit);
        Element(builder, "sendPinPerPhoneNumberLimit", configuration.SendPinPerPhoneNumberLimit);
        builder.Append("</configuration>");
        Element(builder, "enabled", application.Enabled ? "true" : "false");
        if (application.ProcessId is not null) Element(builder, "processId", application.ProcessId);
        builder.Append("</").Append(root).Append('>');
    }

    private static void Element(StringBuilder builder, string name, string value)
    {
        builder.Append('<').Append(name).Append('>');
        AppendEscaped(builder, value);
        builder.Append("</").Append(name).Append('>');
    }

    /// <summary>Escapes markup; characters XML 1.0 cannot carry (e.g. U+0001 from a JSON name) become U+FFFD.</summary>
    private static void AppendEscaped(StringBuilder builder, string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '&': builder.Append("&amp;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&apos;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        builder.Append(c).Append(value[++i]);
                    }
                    else if (System.Xml.XmlConvert.IsXmlChar(c)) builder.Append(c);
                    else builder.Append('\uFFFD');
                    break;
            }
        }
    }
}

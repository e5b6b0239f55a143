using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TwoFactorContracts.MockServer.Flow;

namespace TwoFactorContracts.MockServer.Responses;

/// <summary>
/// The PIN flow's answers in JSON and XML: a sent PIN (<c>{pinId, to, ncStatus?, smsStatus | callStatus}</c>),
/// a verification (<c>{pinId, msisdn, verified, attemptsRemaining, pinError?}</c>) and the verification status
/// (<c>{verifications: [{msisdn, verified, verifiedAt, sentAt}]}</c>, epoch milliseconds; <c>verifiedAt</c> left out
/// until verified). XML roots are the contract's (<see cref="PinXmlRoots"/>). Templates are written by the
/// field model's writers (<see cref="JsonBodies"/>, <see cref="XmlBodies"/>).
/// </summary>
public sealed class PinBodies(PinXmlRoots roots)
{
    public byte[] SentJson(PinSent sent) => Json(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("pinId", sent.PinId);
        writer.WriteString("to", sent.To);
        if (sent.NcStatus is { } nc) writer.WriteString("ncStatus", nc);
        if (sent.SmsStatus is { } sms) writer.WriteString("smsStatus", sms);
        if (sent.CallStatus is { } call) writer.WriteString("callStatus", call);
        writer.WriteEndObject();
    });

    public byte[] SentXml(PinSent sent) => Xml(sent.Channel == PinChannel.Voice ? roots.SentVoice : roots.SentSms, builder =>
    {
        XmlBodies.Element(builder, "pinId", sent.PinId);
        XmlBodies.Element(builder, "to", sent.To);
        if (sent.NcStatus is { } nc) XmlBodies.Element(builder, "ncStatus", nc);
        if (sent.SmsStatus is { } sms) XmlBodies.Element(builder, "smsStatus", sms);
        if (sent.CallStatus is { } call) XmlBodies.Element(builder, "callStatus", call);
    });

    public byte[] VerificationJson(PinVerification verification) => Json(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("pinId", verification.PinId);
        writer.WriteString("msisdn", verification.Msisdn);
        writer.WriteBoolean("verified", verification.Verified);
        writer.WriteNumber("attemptsRemaining", verification.AttemptsRemaining);
        if (verification.PinError is { } pinError) writer.WriteString("pinError", pinError);
        writer.WriteEndObject();
    });

    public byte[] VerificationXml(PinVerification verification) => Xml(roots.Verified, builder =>
    {
        XmlBodies.Element(builder, "pinId", verification.PinId);
        XmlBodies.Element(builder, "msisdn", verification.Msisdn);
        XmlBodies.Element(builder, "verified", verification.Verified ? "true" : "false");
        XmlBodies.Element(builder, "attemptsRemaining", verification.AttemptsRemaining.ToString(CultureInfo.InvariantCulture));
        if (verification.PinError is { } pinError) XmlBodies.Element(builder, "pinError", pinError);
    });

    public byte[] StatusJson(IReadOnlyList<Verification> verifications) => Json(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("verifications");
        foreach (var verification in verifications)
        {
            writer.WriteStartObject();
            writer.WriteString("msisdn", verification.Msisdn);
            writer.WriteBoolean("verified", verification.Verified);
            if (verification.VerifiedAtMillis is { } verifiedAt) writer.WriteNumber("verifiedAt", verifiedAt);
            writer.WriteNumber("sentAt", verification.SentAtMillis);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    public byte[] StatusXml(IReadOnlyList<Verification> verifications) => Xml(roots.Status, builder =>
    {
        builder.Append('<').Append(roots.StatusList).Append('>');
        foreach (var verification in verifications)
        {
            builder.Append('<').Append(roots.StatusItem).Append('>');
            XmlBodies.Element(builder, "msisdn", verification.Msisdn);
            XmlBodies.Element(builder, "verified", verification.Verified ? "true" : "false");
            if (verification.VerifiedAtMillis is { } verifiedAt) XmlBodies.Element(builder, "verifiedAt", verifiedAt.ToString(CultureInfo.InvariantCulture));
            XmlBodies.Element(builder, "sentAt", verification.SentAtMillis.ToString(CultureInfo.InvariantCulture));
            builder.Append("</").Append(roots.StatusItem).Append('>');
        }
        builder.Append("</").Append(roots.StatusList).Append('>');
    });

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, JsonBodies.Options)) write(writer);
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Xml(string root, Action<StringBuilder> write)
    {
        var builder = new StringBuilder(256);
        builder.Append("<?xml version='1.0' encoding='UTF-8'?>");
        builder.Append('<').Append(root).Append('>');
        write(builder);
        builder.Append("</").Append(root).Append('>');
        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}

/// <summary>
/// The XML element names of the PIN flow's answers, read from the contract: the roots, and the verification status's
/// list and items (today's document: <c>&lt;VerificationResponse&gt;&lt;verifications&gt;&lt;verifications&gt;</c>).
/// </summary>
public sealed record PinXmlRoots(string SentSms, string SentVoice, string Verified, string Status, string StatusList, string StatusItem);

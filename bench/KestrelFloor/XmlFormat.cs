using System.Xml;

namespace TwoFactorContracts.Bench.KestrelFloor;

/// <summary>Reads a request and writes applications in the contract's XML names, with plain XmlReader/XmlWriter.</summary>
public static class XmlFormat
{
    private static readonly XmlReaderSettings ReaderSettings = new() { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true, IgnoreComments = true };
    private static readonly XmlWriterSettings WriterSettings = new() { Encoding = new System.Text.UTF8Encoding(false) };

    /// <summary>Reads a <c>request</c> or <c>ApplicationRequest</c> root; throws XmlException or FormatException on bad input.</summary>
    public static ApplicationRequest ReadRequest(Stream body)
    {
        using var r = XmlReader.Create(body, ReaderSettings);
        r.MoveToContent();
        if (r.LocalName is not ("request" or "ApplicationRequest")) throw new XmlException("unexpected root " + r.LocalName);
        var request = new ApplicationRequest();
        if (r.IsEmptyElement) return request;
        r.ReadStartElement();
        while (r.NodeType == XmlNodeType.Element)
        {
            switch (r.LocalName)
            {
                case "name": request.Name = r.ReadElementContentAsString(); break;
                case "enabled": request.Enabled = XmlConvert.ToBoolean(r.ReadElementContentAsString()); break;
                case "configuration": request.Configuration = ReadConfiguration(r); break;
                default: r.Skip(); break;
            }
        }
        return request;
    }

    private static ConfigurationRequest ReadConfiguration(XmlReader r)
    {
        var c = new ConfigurationRequest();
        if (r.IsEmptyElement) { r.Read(); return c; }
        r.ReadStartElement();
        while (r.NodeType == XmlNodeType.Element)
        {
            switch (r.LocalName)
            {
                case "pinAttempts": c.PinAttempts = XmlConvert.ToInt32(r.ReadElementContentAsString()); break;
                case "allowMultiplePinVerifications": c.AllowMultiplePinVerifications = XmlConvert.ToBoolean(r.ReadElementContentAsString()); break;
                case "pinTimeToLive": c.PinTimeToLive = r.ReadElementContentAsString(); break;
                case "verifyPinLimit": c.VerifyPinLimit = r.ReadElementContentAsString(); break;
                case "sendPinPerApplicationLimit": c.SendPinPerApplicationLimit = r.ReadElementContentAsString(); break;
                case "sendPinPerPhoneNumberLimit": c.SendPinPerPhoneNumberLimit = r.ReadElementContentAsString(); break;
                default: r.Skip(); break;
            }
        }
        r.ReadEndElement();
        return c;
    }

    public static void WriteApplication(Stream to, Application a)
    {
        using var w = XmlWriter.Create(to, WriterSettings);
        w.WriteStartDocument();
        WriteApplicationElement(w, "ApplicationResponse", a);
    }

    public static void WriteList(Stream to, IReadOnlyList<Application> list)
    {
        using var w = XmlWriter.Create(to, WriterSettings);
        w.WriteStartDocument();
        w.WriteStartElement("ApplicationResponse");
        foreach (var a in list) WriteApplicationElement(w, "item", a);
        w.WriteEndElement();
    }

    public static void WriteError(Stream to, string messageId, string text)
    {
        using var w = XmlWriter.Create(to, WriterSettings);
        w.WriteStartDocument();
        w.WriteStartElement("ApiException");
        w.WriteStartElement("requestError");
        w.WriteStartElement("serviceException");
        w.WriteElementString("messageId", messageId);
        w.WriteElementString("text", text);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteApplicationElement(XmlWriter w, string element, Application a)
    {
        w.WriteStartElement(element);
        w.WriteElementString("applicationId", a.ApplicationId);
        w.WriteElementString("name", a.Name);
        w.WriteStartElement("configuration");
        var c = a.Configuration;
        w.WriteElementString("pinAttempts", XmlConvert.ToString(c.PinAttempts));
        w.WriteElementString("allowMultiplePinVerifications", XmlConvert.ToString(c.AllowMultiplePinVerifications));
        w.WriteElementString("pinTimeToLive", c.PinTimeToLive);
        w.WriteElementString("verifyPinLimit", c.VerifyPinLimit);
        w.WriteElementString("sendPinPerApplicationLimit", c.SendPinPerApplicationLimit);
        w.WriteElementString("sendPinPerPhoneNumberLimit", c.SendPinPerPhoneNumberLimit);
        w.WriteEndElement();
        w.WriteElementString("enabled", XmlConvert.ToString(a.Enabled));
        w.WriteElementString("processId", a.ProcessId);
        w.WriteEndElement();
    }
}

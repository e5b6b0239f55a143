using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace TwoFactorContracts.ConformanceTests.Targets.Defects;

/// <summary>Edits the answers to PIN verifies (POST /2fa/2/pin/{pinId}/verify), JSON or XML, through one edit of the answer's fields.</summary>
public abstract class VerifyAnswerEdit : IAnswerDefect
{
    public ProxiedAnswer Apply(ProxiedRequest request, ProxiedAnswer answer)
    {
        if (request.Method != "POST" || !request.PathAndQuery.Split('?')[0].TrimEnd('/').EndsWith("/verify", StringComparison.Ordinal) || answer.Status != 200)
            return answer;
        return answer.IsJson ? answer with { Body = BodyEdit.Json(answer.Body, o => Edit(new JsonFields(o))) }
            : answer.IsXml ? answer with { Body = BodyEdit.Xml(answer.Body, e => Edit(new XmlFields(e))) }
            : answer;
    }

    /// <summary>Changes the verify answer's fields.</summary>
    protected abstract void Edit(IFields answer);

    public interface IFields
    {
        string? this[string name] { get; set; }
    }

    private sealed class JsonFields(JsonObject o) : IFields
    {
        public string? this[string name]
        {
            get => o[name]?.ToString();
            set
            {
                if (value is null) o.Remove(name);
                else o[name] = int.TryParse(value, out var n) ? JsonValue.Create(n) : bool.TryParse(value, out var b) ? JsonValue.Create(b) : JsonValue.Create(value);
            }
        }
    }

    private sealed class XmlFields(XElement root) : IFields
    {
        public string? this[string name]
        {
            get => root.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
            set
            {
                var element = root.Elements().FirstOrDefault(e => e.Name.LocalName == name);
                if (value is null) element?.Remove();
                else if (element is null) root.Add(new XElement(name, value));
                else element.Value = value;
            }
        }
    }
}

/// <summary>A wrong PIN does not cost an attempt: every WRONG_PIN answer gives back the attempt it took.</summary>
public sealed class WrongPinKeepsAttempts : VerifyAnswerEdit
{
    protected override void Edit(IFields answer)
    {
        if (answer["pinError"] == "WRONG_PIN" && int.TryParse(answer["attemptsRemaining"], out var left))
            answer["attemptsRemaining"] = (left + 1).ToString();
    }
}

/// <summary>An expired PIN verifies: every TTL_EXPIRED answer says verified, with no pinError.</summary>
public sealed class ExpiredPinVerifies : VerifyAnswerEdit
{
    protected override void Edit(IFields answer)
    {
        if (answer["pinError"] != "TTL_EXPIRED") return;
        answer["verified"] = "true";
        answer["pinError"] = null;
    }
}

/// <summary>
/// A send limit not enforced: a refused JSON send (429) is answered 200 with a made-up pinId, as a target that sends
/// regardless would answer.
/// </summary>
public sealed class SendLimitIgnored : IAnswerDefect
{
    public ProxiedAnswer Apply(ProxiedRequest request, ProxiedAnswer answer)
    {
        if (request.Method != "POST" || answer.Status != 429 || !answer.IsJson || !request.PathAndQuery.StartsWith("/2fa/2/pin", StringComparison.Ordinal))
            return answer;
        var sent = JsonNode.Parse(request.Body);
        var body = new JsonObject { ["pinId"] = new string('A', 32), ["to"] = sent?["to"]?.DeepClone(), ["smsStatus"] = "MESSAGE_SENT" };
        return answer with { Status = 200, Body = body.ToJsonString() };
    }
}

/// <summary>An error worded another way: every error text <paramref name="from"/> becomes <paramref name="to"/> (another deployment's wording).</summary>
public sealed class ErrorTextWorded(string from, string to) : IAnswerDefect
{
    public ProxiedAnswer Apply(ProxiedRequest request, ProxiedAnswer answer) =>
        answer.Status >= 400 ? answer with { Body = answer.Body.Replace(from, to, StringComparison.Ordinal) } : answer;
}

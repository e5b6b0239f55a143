using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.HardeningTests.Support;

namespace TwoFactorContracts.HardeningTests.Replicas;

/// <summary>The few API calls the replica tests make, answered as plain data.</summary>
public static class ReplicaApi
{
    public static string JsonCreate(string name) => $"{{\"name\":\"{name}\"}}";

    /// <summary>Creates; the answer and, when acknowledged (200), the new applicationId.</summary>
    public static async Task<(ApiAnswer Answer, string? Id)> CreateAsync(HttpClient client, string account, string name)
    {
        var answer = await Api.SendAsync(client, "POST", Api.Collection, account, JsonCreate(name), BodyFormat.Json);
        return (answer, answer.Status == 200 ? JsonNode.Parse(answer.Body)!["applicationId"]!.GetValue<string>() : null);
    }

    /// <summary>The account's list as (applicationId, name) in the order answered; fails the test unless 200.</summary>
    public static async Task<List<(string Id, string Name)>> ListAsync(HttpClient client, string account)
    {
        var answer = await Api.ListAsync(client, account);
        answer.Status.ShouldBe(200, $"list: {answer}");
        return JsonNode.Parse(answer.Body)!.AsArray()
            .Select(a => (a!["applicationId"]!.GetValue<string>(), a["name"]!.GetValue<string>()))
            .ToList();
    }

    /// <summary>The API's 503 for a lost store: the envelope with SERVICE_UNAVAILABLE and a text naming the store.</summary>
    public static IEnumerable<string> StoreUnavailableProblems(ApiAnswer answer)
    {
        if (answer.Status != 503) { yield return $"status {answer.Status}, not 503: {answer}"; yield break; }
        JsonNode? exception = null;
        try { exception = JsonNode.Parse(answer.Body)?["requestError"]?["serviceException"]; }
        catch (System.Text.Json.JsonException) { }
        if (exception?["messageId"]?.GetValue<string>() != "SERVICE_UNAVAILABLE") yield return $"no SERVICE_UNAVAILABLE envelope: {answer}";
        else if (exception["text"]?.GetValue<string>() is not { } text || !text.Contains("store", StringComparison.OrdinalIgnoreCase) || !text.Contains("unreachable", StringComparison.OrdinalIgnoreCase))
            yield return $"the text does not say the store is unreachable: {answer}";
    }
}

using System.Text;
using TwoFactorContracts.HardeningTests.Support;

namespace TwoFactorContracts.HardeningTests.Security;

/// <summary>
/// Whatever goes wrong inside, no answer carries .NET exception details (type names, messages, stack traces):
/// they tell an attacker what runs inside and are never the API's envelope.
/// </summary>
public sealed class ErrorDetailTests(MockServerFixture mock) : IClassFixture<MockServerFixture>
{
    private static readonly string[] Tells = ["StackTrace", "ClassName", "   at System.", "Exception\\\"", "HResult"];

    [Fact]
    public async Task No_answer_carries_exception_details()
    {
        var answers = new List<string>();
        using var client = mock.BoundedClient();
        // Inputs that once reached an unhandled exception in the mock: whatever they are answered with must not leak.
        byte[] invalidUtf8 = [.. "{\"name\":\""u8.ToArray(), 0xFF, .. "\"}"u8.ToArray()];
        answers.Add((await Api.SendAsync(client, "POST", Api.Collection, Accounts.New("leak"), invalidUtf8, "application/json", "application/json")).ToString());
        answers.Add((await Api.SendAsync(client, "POST", Api.Collection, Accounts.New("leak"), Encoding.UTF8.GetBytes("{\"name\":\"\\uD800\"}"), "application/json", "application/xml")).ToString());
        var head = RawHttp.Head(mock.Host.BaseUrl, "POST", Api.Collection, $"Authorization: {Accounts.New("leak")}", "Content-Type: application/json", "Transfer-Encoding: chunked");
        answers.Add((await RawHttp.SendAsync(mock.Host.BaseUrl, head, "zz\r\nxx\r\n0\r\n\r\n"u8.ToArray())).ToString());

        foreach (var answer in answers)
            foreach (var tell in Tells)
                answer.ShouldNotContain(tell, Case.Sensitive, $"exception details in an answer: {answer}");
    }
}

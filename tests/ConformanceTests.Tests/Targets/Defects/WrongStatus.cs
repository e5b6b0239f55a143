namespace TwoFactorContracts.ConformanceTests.Targets.Defects;

/// <summary>Answers of one method and status come back with another status (a create answering 202).</summary>
public sealed class WrongStatus(string method, int from, int to) : IAnswerDefect
{
    public ProxiedAnswer Apply(ProxiedRequest request, ProxiedAnswer answer) =>
        request.Method == method && answer.Status == from ? answer with { Status = to } : answer;
}

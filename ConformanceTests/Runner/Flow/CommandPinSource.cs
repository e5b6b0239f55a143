using System.Diagnostics;

namespace TwoFactorContracts.ConformanceTests.Runner.Flow;

/// <summary>
/// <c>--pin-from "./read-pin.sh"</c>: runs the command through the shell (<c>sh -c</c>; <c>cmd /c</c> on Windows)
/// with the pinId and the recipient as its arguments (<c>$1</c>, <c>$2</c>) and in <c>PIN_ID</c> and <c>PIN_TO</c>; it
/// prints the PIN (or <c>{"pin":"…"}</c>) on stdout and exits 0. It may take the request timeout, no longer.
/// </summary>
public sealed class CommandPinSource(string command, TimeSpan timeout) : IPinSource
{
    public string Description => $"the command '{command}'";

    public async Task<PinReading> ReadAsync(string pinId, string to, CancellationToken cancel)
    {
        var start = OperatingSystem.IsWindows()
            ? new ProcessStartInfo("cmd.exe") { ArgumentList = { "/c", $"{command} {pinId} {to}" } }
            : new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", command, "tfc-pin-from", pinId, to } };
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["PIN_ID"] = pinId;
        start.Environment["PIN_TO"] = to;
        using var process = new Process { StartInfo = start };
        try { process.Start(); }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return PinReading.Failed($"{Description} could not start: {e.Message}");
        }
        var stdout = process.StandardOutput.ReadToEndAsync(cancel);
        var stderr = process.StandardError.ReadToEndAsync(cancel);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        try { await process.WaitForExitAsync(deadline.Token); }
        catch (OperationCanceledException)
        {
            // Timed out, or the run was stopped: either way the command does not outlive the wait.
            try { process.Kill(entireProcessTree: true); }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { } // it exited meanwhile
            if (cancel.IsCancellationRequested) throw;
            return PinReading.Failed($"{Description} did not finish within {timeout.TotalSeconds:0.#} s (--timeout)");
        }
        if (process.ExitCode != 0)
            return PinReading.Failed($"{Description} exited {process.ExitCode}: {FirstLine(await stderr)}");
        return PinAnswer.Parse(await stdout, pinId, Description);
    }

    private static string FirstLine(string text) =>
        text.Trim().Split('\n')[0] is { Length: > 0 } line ? line : "(nothing on stderr)";
}

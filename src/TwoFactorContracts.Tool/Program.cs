// `tfc <command> [options]`: see Tfc.Commands.
return await TwoFactorContracts.Tool.Tfc.RunAsync(args, Console.Out, Console.Error);

using FriendlyGov.Web;
using FriendlyGov.Web.Features.Operations;

// Operator commands (migrate, seed-demo, create-admin, verify-audit, backup) run on the same program.
if (OperatorCommands.IsCommand(args)) return await OperatorCommands.RunAsync(args);

var app = WebApp.Create(args);
await app.RunAsync();
return 0;

public partial class Program;

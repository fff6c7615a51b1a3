using SloScaler.DemoService;

await using var app = DemoApp.Create(args);
await app.RunAsync();

// The page hub's connection, as every page that listens builds it. Behind several instances the hub takes WebSockets only
// and the client skips negotiation: one request that any instance can answer, so a load balancer needs no sticky
// sessions (the server says so in <meta name="workbench-hub-transport">).
export function connectHub() {
  const webSocketsOnly = document.querySelector('meta[name="workbench-hub-transport"]')?.content === 'websockets';
  return new signalR.HubConnectionBuilder()
    .withUrl('/hubs/page', webSocketsOnly ? { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true } : {})
    .withAutomaticReconnect()
    .configureLogging(signalR.LogLevel.Warning)
    .build();
}

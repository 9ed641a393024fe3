// The page hub's connection, as every page that listens builds it (hub.js hands it to the modules). A classic script,
// loaded right after SignalR's: the editor starts its connection here, in the page's head, so the connection's
// requests are answered while the page's state is parsed and its modules load, instead of waiting behind them.
// Behind several instances the hub takes WebSockets only and the client skips negotiation: one request that any
// instance can answer, so a load balancer needs no sticky sessions (the server says so in
// <meta name="workbench-hub-transport">).
(() => {
  function connect() {
    const webSocketsOnly = document.querySelector('meta[name="workbench-hub-transport"]')?.content === 'websockets';
    return new signalR.HubConnectionBuilder()
      .withUrl('/hubs/page', webSocketsOnly ? { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true } : {})
      .withAutomaticReconnect()
      .configureLogging(signalR.LogLevel.Warning)
      .build();
  }

  let early = null;
  let claimed = false;   // the page's live module has asked: too late to start one for it

  /**
   * Starts a connection before the modules that use it have loaded. Nothing is sent to a connection before the page
   * joins, so nothing can arrive before the module has set its handlers.
   */
  function startEarly() {
    if (early || claimed) return;
    const conn = connect();
    const started = conn.start();
    started.catch(() => {});   // reported by whoever takes it
    early = { conn, started };
  }

  window.workbenchHub = {
    connect,
    /** The connection started early, once ({conn, started}: started is its start()'s promise), or null. */
    takeEarly() {
      const taken = early;
      early = null;
      claimed = true;
      return taken;
    },
  };

  if (document.currentScript?.hasAttribute('data-start')) startEarly();
})();

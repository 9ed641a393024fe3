// The page hub's connection for the modules: built by hubconnect.js, the classic script every page that listens loads
// after SignalR's (the editor's starts its connection early there).

/** A new connection to the page hub. */
export const connectHub = () => window.workbenchHub.connect();

/** The connection the page started early (hubconnect.js with data-start), once: {conn, started}, or null. */
export const takeEarly = () => window.workbenchHub.takeEarly();

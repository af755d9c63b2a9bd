/** Renderer entry: connect to the core, keep the connection state in its store, and mount the shell. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApiHandle } from './api/client.js';
import { App } from './app.js';
import { bindConnection } from './stores/connection-store.js';
import { applyTheme } from './stores/use-theme.js';
import './styles/theme.css';
import './styles/shell.css';

// Theme before the first paint, so a dark-theme user never sees a light flash.
applyTheme();
bindConnection(getApiHandle());
createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);

/** Renderer entry: connect to the core, keep the connection state in its store, and mount the shell. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApiHandle } from './api/client.js';
import { App } from './app.js';
import { bindConnection } from './stores/connection-store.js';
import './styles/theme.css';
import './styles/shell.css';

bindConnection(getApiHandle());
createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);

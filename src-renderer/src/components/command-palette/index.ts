export { CommandPalette, isPaletteShortcut } from './command-palette.js';
export { filterCommands, type Command } from './filter-commands.js';

"""The Excel add-in: ribbon table, .xlam builder and (later) the button callbacks."""

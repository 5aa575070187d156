// Keeps the newest chat message in view ("Fale com a Bel").
window.ouvidoriaScrollToEnd = (element) => { if (element) { element.scrollTop = element.scrollHeight; } };

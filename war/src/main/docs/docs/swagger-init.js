// Served by the WAR itself: no CDN, no internet. The document's server URL is relative, so
// try-it-out calls this same server; "Authorize" takes a Bearer key (or X-API-Key).
window.ui = SwaggerUIBundle({
  url: new URL('../api/v1/openapi.json', window.location.href).toString(),
  dom_id: '#swagger-ui',
  deepLinking: true,
  tryItOutEnabled: false,
  persistAuthorization: false,
  displayRequestDuration: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  plugins: [SwaggerUIBundle.plugins.DownloadUrl],
  layout: 'StandaloneLayout'
});

// Renders the contract with the vendored Swagger UI. Nothing here reaches outside the mock.
window.addEventListener('DOMContentLoaded', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi/2fa-applications.yaml',
    dom_id: '#swagger-ui',
    deepLinking: true,
    displayOperationId: true,
    // The default validator badge loads an image from the internet.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    // The served contract lists this mock first, so "Try it out" and the curl snippets name it; a request
    // for another listed server (production) still goes to this mock, the only server this page may call.
    requestInterceptor: function (request) {
      var url = new URL(request.url, window.location.href);
      if (url.pathname.indexOf('/2fa/') === 0 && url.origin !== window.location.origin) {
        request.url = window.location.origin + url.pathname + url.search;
      }
      return request;
    }
  });
});

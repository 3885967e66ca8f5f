// Starts Swagger UI (served from the installed swagger-ui-bundle package) on our OpenAPI schema.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: document.getElementById("swagger-ui").dataset.openapi,
    dom_id: "#swagger-ui",
    deepLinking: true,
  });
});

// Progressive enhancement of the tab pages; every behaviour also happens on the server on "Valider".
(function () {
  "use strict";
  var script = document.currentScript;
  var idccUrl = script && script.dataset.idccUrl;

  // Guide, "L'EMPLOYEUR": type the IDCC and press Tab, the label, branch and OPCO fill themselves.
  function setupIdcc(input) {
    var prefix = input.id.replace(/idcc$/, "");
    var message = document.createElement("p");
    message.className = "error idcc-message";
    message.setAttribute("aria-live", "polite");
    input.insertAdjacentElement("afterend", message);
    function fill(data) {
      ["label", "branch", "opco"].forEach(function (name) {
        var target = document.getElementById(prefix + "idcc_" + name);
        if (target) target.value = (data && data[name]) || "";
      });
    }
    input.addEventListener("change", function () {
      var code = input.value.trim();
      message.textContent = "";
      if (!code) { fill(null); return; }
      fetch(idccUrl + "?code=" + encodeURIComponent(code), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.json().then(function (data) { return { ok: response.ok, data: data }; }); })
        .then(function (result) {
          if (result.ok && !result.data.error) {
            if (result.data.idcc) input.value = result.data.idcc;
            fill(result.data);
          } else {
            fill(null);
            message.textContent = result.data.error || "Code IDCC inconnu.";
          }
        })
        .catch(function () { message.textContent = "Le libellé sera rempli à l'enregistrement (service indisponible)."; });
    });
  }

  // Informations de facturation: required (and shown) for a contrat de professionnalisation, a public
  // employer (type > 20) or a Monegasque company; hidden otherwise.
  function setupBilling(form) {
    var block = document.getElementById("block-billing");
    var type = document.getElementById("id_employer-employer_type");
    var monaco = document.getElementById("id_employer-is_monegasque");
    if (!block || !type || !monaco) return;
    function update() {
      var required = form.dataset.scheme === "professionalisation" || parseInt(type.value, 10) > 20 || monaco.checked;
      block.hidden = !required;
    }
    type.addEventListener("change", update);
    monaco.addEventListener("change", update);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-idcc-lookup]").forEach(setupIdcc);
    var form = document.querySelector("form.tab-page");
    if (form) setupBilling(form);
  });
})();

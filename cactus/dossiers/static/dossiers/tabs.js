// Progressive enhancement of the tab pages; every behaviour also happens on the server on "Valider".
(function () {
  "use strict";
  var script = document.currentScript;
  var idccUrl = script && script.dataset.idccUrl;
  var companyUrl = script && script.dataset.companyUrl;

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

  // L'employeur: the SIRET proposes the company's information from the register (issue 13). Only
  // empty fields are filled, and the server checks again on "Valider" (a closed establishment is refused).
  var COMPANY_FIELDS = ["name", "address_number", "address_repetition", "address_street", "address_complement",
    "postal_code", "city", "naf", "employer_type"];

  function note(after, className) {
    var paragraph = document.createElement("p");
    paragraph.className = className;
    paragraph.setAttribute("aria-live", "polite");
    after.insertAdjacentElement("afterend", paragraph);
    return paragraph;
  }

  function fillIfEmpty(id, value) {
    var target = document.getElementById(id);
    if (!target || !value || target.value) return false;
    if (target.tagName === "SELECT" && !target.querySelector('option[value="' + value + '"]')) return false;
    target.value = value;
    target.dispatchEvent(new Event("change", { bubbles: true }));
    return true;
  }

  function setupCompany(input) {
    var message = note(input, "help company-message");
    var headcount = document.getElementById("id_employer-headcount");
    var band = headcount ? note(headcount, "help company-headcount") : null;
    function show(text, isError) {
      message.textContent = text;
      message.className = isError ? "error company-message" : "help company-message";
    }
    function fill(company) {
      var filled = COMPANY_FIELDS.filter(function (name) { return fillIfEmpty("id_employer-" + name, company[name]); });
      var idcc = company.idcc || [];
      if (idcc.length === 1 && fillIfEmpty("id_employer-idcc", idcc[0])) filled.push("idcc");
      var text = "Établissement trouvé : " + company.name + (company.city ? ", " + company.city : "") + ".";
      if (filled.length) text += " Les champs vides ont été remplis depuis le répertoire des entreprises : vérifiez-les.";
      if (idcc.length > 1) text += " Conventions collectives déclarées : " + idcc.join(", ") + ".";
      show(text, false);
      if (band) band.textContent = company.headcount_label
        ? "Tranche d'effectif au répertoire des entreprises : " + company.headcount_label + " (saisissez l'effectif exact)."
        : "";
    }
    input.addEventListener("change", function () {
      var siret = input.value.replace(/\s/g, "");
      show("", false);
      if (!siret) return;
      fetch(companyUrl + "?siret=" + encodeURIComponent(siret), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (data.establishment) fill(data.establishment);
          else show(data.error || data.message || "", !data.offline);
        })
        .catch(function () {
          show("La recherche de l'entreprise est indisponible : saisissez les informations de l'entreprise.", true);
        });
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

  // Brouillon: what is typed is kept (a debounced POST to the draft URL) until "Valider"; it is never
  // data of the dossier. Leaving the page while a change is not yet kept asks for confirmation.
  function setupDraft(form) {
    var url = form.dataset.draftUrl;
    var status = document.getElementById("etat-brouillon");
    if (!url) return;
    var timer = null;
    var unsaved = false;
    var submitting = false;
    function say(text) { if (status) status.textContent = text; }
    function save(keepalive) {
      if (timer) { clearTimeout(timer); timer = null; }
      if (!unsaved) return;
      unsaved = false;
      fetch(url, { method: "POST", body: new FormData(form), credentials: "same-origin", keepalive: !!keepalive,
                   headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) { say("Brouillon enregistré le " + data.saved_at + " (non validé : cliquez sur « Valider »)."); })
        .catch(function () {
          unsaved = true;
          say("Le brouillon n'a pas pu être enregistré : cliquez sur « Valider » pour ne rien perdre.");
        });
    }
    function changed() {
      unsaved = true;
      say("Modifications non enregistrées…");
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, 800);
    }
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function () { submitting = true; if (timer) clearTimeout(timer); });
    window.addEventListener("beforeunload", function (event) {
      if (submitting || !unsaved) return;
      save(true);
      event.preventDefault();
      event.returnValue = "";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-idcc-lookup]").forEach(setupIdcc);
    if (companyUrl) document.querySelectorAll("input[data-company-lookup]").forEach(setupCompany);
    var form = document.querySelector("form.tab-page");
    if (form) {
      setupBilling(form);
      setupDraft(form);
    }
  });
})();

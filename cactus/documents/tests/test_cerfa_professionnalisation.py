from cactus.documents.renderers import base, cerfa_professionnalisation
from cactus.documents.tests import samples
from cactus.documents.tests.readback import assert_a4_pages, flat_text, pdf_text

# Keys of the sample the assumed EJ20 layout has no box for.
NOT_ON_EJ20 = {
    "dispositif",
    "employeur_idcc_libelle",
    "employeur_opco",
    "employeur_prive_public",
    "employeur_specifique",
    "employeur_type",
}


def printed(key: str, value) -> str:
    if "date" in key:
        return base.format_date(value)
    if key == "contrat_salaire_embauche":
        return base.format_amount(value).replace("\u00a0", " ")
    if key.startswith("contrat_avantage_"):
        return base.format_number(value).replace("\u00a0", " ")
    if key == "formation_rncp":
        return value.removeprefix("RNCP")
    return str(value)


def test_every_value_of_a_full_professionalisation_dossier_is_read_back():
    data = samples.professionalisation()
    text = flat_text(cerfa_professionnalisation.render(data))
    expected = {
        key: printed(key, value)
        for key, value in data.items()
        if key not in NOT_ON_EJ20
        and not key.startswith(
            (
                "responsable_",
                "facturation_",
                "convention_",
                "employeur_attestation",
                "employeur_regime",
                "employeur_monegasque",
                "formation_type_diplome",
                "formation_code_diplome",
            )
        )
        and not isinstance(value, bool)
        and value not in ("", None)
    }
    missing = {key: value for key, value in expected.items() if value not in text}
    assert missing == {}
    assert "Institut Œnologique de Provence" in text and "Benoît" in text


def test_labels_say_salarie_and_tuteur_not_apprenti():
    text = flat_text(cerfa_professionnalisation.render(samples.professionalisation()))
    assert "LE SALARIÉ" in text and "LE TUTEUR" in text
    assert "apprenti" not in text.lower()
    assert "Nature du contrat : ☒ CDD ☐ CDI" in " ".join(
        pdf_text(cerfa_professionnalisation.render(samples.professionalisation()), layout=True).split()
    )


def test_apprenticeship_keys_fill_the_boxes_when_the_pro_keys_are_absent():
    data = samples.professionalisation()
    for key in [key for key in data if key.startswith("salarie_nom")]:
        del data[key]
    data["apprenti_nom"] = "Lefèvre-Dumas"
    assert "Nom de naissance du salarié : Lefèvre-Dumas" in flat_text(cerfa_professionnalisation.render(data))


def test_the_document_is_two_a4_pages_without_none():
    content = cerfa_professionnalisation.render(
        samples.professionalisation(of_uai=None, salarie_nom_usage=None)
    )
    assert_a4_pages(content, 2)
    assert "None" not in flat_text(content)

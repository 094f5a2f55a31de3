"""Words on the kiosk's own buttons (content words come from content.yaml)."""

from __future__ import annotations

CHROME: dict[str, dict[str, str]] = {
    "back": {"en": "Back", "es": "Atrás"},
    "home": {"en": "Home", "es": "Inicio"},
    "language_name": {"en": "English", "es": "Español"},
    "switch_language": {"en": "Change language", "es": "Cambiar idioma"},
    "more_below": {
        "en": "More below: slide the page up",
        "es": "Hay más abajo: deslice la página hacia arriba",
    },
    "ask_doctor": {"en": "Ask your doctor", "es": "Pregunte a su médico"},
    "about": {"en": "About this information", "es": "Sobre esta información"},
    "reviewed_by": {"en": "Reviewed by", "es": "Revisado por"},
    "reviewed_on": {"en": "Last review", "es": "Última revisión"},
    "next_review": {"en": "Next review", "es": "Próxima revisión"},
    "sources": {"en": "Where this comes from", "es": "De dónde viene esta información"},
    "topics_count": {"en": "{n} topics", "es": "{n} temas"},
    "next_topic": {"en": "Next: {title}", "es": "Siguiente: {title}"},
    "urgent_banner": {
        "en": "General safety guidance. If this is happening now, tell a staff member.",
        "es": "Guía general de seguridad. Si esto le pasa ahora, avise al personal.",
    },
    "touch_to_start": {"en": "Touch the screen to start", "es": "Toque la pantalla para empezar"},
    "idle_heading": {"en": "Are you still there?", "es": "¿Sigue usted ahí?"},
    "idle_message": {
        "en": "To protect your privacy, this screen will clear and go back to the start.",
        "es": "Para proteger su privacidad, la pantalla se borrará y volverá al inicio.",
    },
    "idle_countdown": {"en": "{n} seconds left", "es": "Quedan {n} segundos"},
    "still_here": {"en": "I'm still here", "es": "Sigo aquí"},
    "out_of_service": {
        "en": "This screen is out of service. Please ask at the front desk.",
        "es": "Esta pantalla no funciona ahora. Por favor, pregunte en recepción.",
    },
}


def tr(key: str, lang: str, **values: object) -> str:
    """The chrome string `key` in `lang` (English if that language lacks it)."""
    entry = CHROME[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text

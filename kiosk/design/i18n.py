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
    "touch_here": {"en": "Touch here to start", "es": "Toque aquí para empezar"},
    "idle_heading": {"en": "Are you still there?", "es": "¿Sigue usted ahí?"},
    "idle_message": {
        "en": "To protect your privacy, this screen will clear and go back to the start.",
        "es": "Para proteger su privacidad, la pantalla se borrará y volverá al inicio.",
    },
    "idle_countdown": {"en": "{n} seconds left", "es": "Quedan {n} segundos"},
    "still_here": {"en": "I'm still here", "es": "Sigo aquí"},
    "space": {"en": "space", "es": "espacio"},
    "backspace": {"en": "Delete", "es": "Borrar"},
    "shift": {"en": "Capital letter", "es": "Mayúscula"},
    "request_tile": {"en": "Ask the clinic to call you", "es": "Pida que la clínica le llame"},
    "request_tile_summary": {
        "en": "Leave your name and phone number. Staff will call you back.",
        "es": "Deje su nombre y teléfono. El personal le devolverá la llamada.",
    },
    "text_size": {"en": "Text {n}%", "es": "Texto {n}%"},
    "text_size_hint": {"en": "Change text size", "es": "Cambiar el tamaño del texto"},
    "contrast": {"en": "Contrast", "es": "Contraste"},
    "contrast_hint": {"en": "High contrast colours", "es": "Colores de alto contraste"},
    "listen": {"en": "Listen", "es": "Escuchar"},
    "listen_hint": {"en": "Read the screen aloud", "es": "Leer la pantalla en voz alta"},
    "repeat": {"en": "Repeat", "es": "Repetir"},
    "field_empty": {"en": "empty", "es": "vacío"},
    "pause": {"en": "Pause", "es": "Pausa"},
    "resume": {"en": "Continue", "es": "Seguir"},
    "stop": {"en": "Stop", "es": "Parar"},
    "quieter": {"en": "Quieter", "es": "Más bajo"},
    "louder": {"en": "Louder", "es": "Más alto"},
    "volume": {"en": "Volume {n}%", "es": "Volumen {n}%"},
    "call_me": {"en": "Call me", "es": "Llámenme"},
    "request_button": {"en": "Ask the clinic to call me", "es": "Quiero que la clínica me llame"},
    "form_title": {"en": "Ask the clinic to call you", "es": "Pida que la clínica le llame"},
    "form_intro": {
        "en": "Fill in your details with the keys on the screen. Staff will call you back.",
        "es": "Escriba sus datos con las teclas de la pantalla. El personal le llamará.",
    },
    "form_clears": {
        "en": "For your privacy, this form is wiped if nobody touches the screen for {minutes}.",
        "es": "Por su privacidad, el formulario se borra si nadie toca la pantalla en {minutes}.",
    },
    "minutes": {"en": "{n} minutes", "es": "{n} minutos"},
    "seconds": {"en": "{n} seconds", "es": "{n} segundos"},
    "first_name": {"en": "First name", "es": "Nombre"},
    "last_name": {"en": "Last name", "es": "Apellido"},
    "phone": {"en": "Phone number", "es": "Número de teléfono"},
    "email": {"en": "Email (if you like)", "es": "Correo electrónico (si quiere)"},
    "best_time": {"en": "Best time to call", "es": "Mejor hora para llamarle"},
    "morning": {"en": "Morning", "es": "Mañana"},
    "afternoon": {"en": "Afternoon", "es": "Tarde"},
    "evening": {"en": "Evening", "es": "Noche"},
    "reason": {"en": "What is it about?", "es": "¿De qué se trata?"},
    "about_topic": {"en": "About: {title}", "es": "Sobre: {title}"},
    "note": {"en": "Anything else? (if you like)", "es": "¿Algo más? (si quiere)"},
    "note_count": {"en": "{n} of {max} letters", "es": "{n} de {max} letras"},
    "consent": {
        "en": "I agree that the clinic may call me",
        "es": "Acepto que la clínica me llame",
    },
    "send": {"en": "Send my request", "es": "Enviar mi solicitud"},
    # The form as steps, one question each (issue 18).
    "step_of": {"en": "Step {n} of {total}", "es": "Paso {n} de {total}"},
    "step_next": {"en": "Next", "es": "Siguiente"},
    "step_back": {"en": "Back", "es": "Atrás"},
    "key_next": {"en": "Next", "es": "Siguiente"},
    "key_done": {"en": "Done", "es": "Listo"},
    "q_name": {"en": "What is your name?", "es": "¿Cómo se llama?"},
    "q_phone": {"en": "What number should we call?", "es": "¿A qué número le llamamos?"},
    "q_best_time": {
        "en": "When is the best time to call you?",
        "es": "¿Cuándo es mejor llamarle?",
    },
    "q_reason": {"en": "What would you like to talk about?", "es": "¿De qué quiere hablar?"},
    "q_consent": {"en": "May the clinic call you?", "es": "¿Puede llamarle la clínica?"},
    "review_title": {"en": "Please check your request", "es": "Revise su solicitud"},
    "review_intro": {
        "en": "Tap Change to correct anything, then send it.",
        "es": "Toque Cambiar para corregir algo y luego envíela.",
    },
    "change": {"en": "Change", "es": "Cambiar"},
    "review_name": {"en": "Name", "es": "Nombre y apellido"},
    "change_named": {"en": "Change: {what}", "es": "Cambiar: {what}"},
    "not_given": {"en": "(not given)", "es": "(no indicado)"},
    "consent_given": {"en": "Yes, the clinic may call me", "es": "Sí, la clínica puede llamarme"},
    "consent_missing": {"en": "Not yet ticked", "es": "Aún sin marcar"},
    "form_has_errors": {
        "en": "Please check the items marked in red.",
        "es": "Por favor, revise lo que está marcado en rojo.",
    },
    "save_failed": {
        "en": "Sorry, your request could not be saved. Please ask at the front desk.",
        "es": "Lo sentimos, no pudimos guardar su solicitud. Por favor, pregunte en recepción.",
    },
    "thanks_title": {"en": "Thank you", "es": "Gracias"},
    "thanks_body": {
        "en": "Your request is saved. The clinic will call you.",
        "es": "Su solicitud está guardada. La clínica le llamará.",
    },
    "thanks_reference": {"en": "Your reference code:", "es": "Su código de referencia:"},
    "thanks_code_purpose": {
        "en": "Give this code if you call us.",
        "es": "Díganos este código si nos llama.",
    },
    "thanks_returning": {
        "en": "This screen clears itself after {seconds} seconds.",
        "es": "Esta pantalla se borrará sola en {seconds} segundos.",
    },
    "done": {"en": "Done", "es": "Listo"},
    "err_required": {"en": "Please fill this in.", "es": "Por favor, complete esto."},
    "err_name_too_long": {"en": "This name is too long.", "es": "Este nombre es demasiado largo."},
    "err_name_invalid": {
        "en": "Please use letters only.",
        "es": "Por favor, use solo letras.",
    },
    "err_phone_invalid": {
        "en": "This does not look like a phone number. Please check it.",
        "es": "Esto no parece un número de teléfono. Por favor, revíselo.",
    },
    "err_email_invalid": {
        "en": "This does not look like an email address.",
        "es": "Esto no parece un correo electrónico.",
    },
    "err_best_time_invalid": {"en": "Please choose a time.", "es": "Por favor, elija una hora."},
    "err_reason_invalid": {"en": "Please choose one.", "es": "Por favor, elija una opción."},
    "err_note_too_long": {"en": "Please make this shorter.", "es": "Por favor, acórtelo."},
    "err_note_invalid": {
        "en": "Please use letters and numbers only.",
        "es": "Por favor, use solo letras y números.",
    },
    "err_consent_required": {
        "en": "Please tick this box so we may call you.",
        "es": "Por favor, marque esta casilla para que podamos llamarle.",
    },
    "out_of_service": {
        "en": "This screen is out of service. Please ask at the front desk.",
        "es": "Esta pantalla no funciona ahora. Por favor, pregunte en recepción.",
    },
    # Beside a topic's QR code (kiosk/ui/widgets/take_home.py) and on its printed page.
    "take_home": {
        "en": "Scan with your phone camera to read this at home",
        "es": "Escanee con la cámara de su teléfono para leer esto en casa",
    },
}


def tr(key: str, lang: str, **values: object) -> str:
    """The chrome string `key` in `lang` (English if that language lacks it)."""
    entry = CHROME[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text

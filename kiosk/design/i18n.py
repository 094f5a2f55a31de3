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
    "spoken_chosen": {"en": "chosen", "es": "elegido"},
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
    "out_of_service_title": {"en": "Out of service", "es": "Fuera de servicio"},
    # Staff screens (issue 19): the PIN pad, the staff menu, its requests pages and messages
    # follow the session's language too. Counted phrases are in PLURALS below.
    "staff_pin_title": {"en": "Staff PIN", "es": "PIN del personal"},
    "staff_pin_heading": {
        "en": "Staff only: enter the PIN",
        "es": "Solo para el personal: escriba el PIN",
    },
    "staff_digit": {"en": "Digit {digit}", "es": "Dígito {digit}"},
    "staff_delete": {"en": "Delete", "es": "Borrar"},
    "staff_delete_hint": {"en": "Delete last digit", "es": "Borrar el último dígito"},
    "staff_ok": {"en": "OK", "es": "Aceptar"},
    "staff_ok_hint": {"en": "Check PIN", "es": "Comprobar el PIN"},
    "staff_cancel": {"en": "Cancel", "es": "Cancelar"},
    "staff_cancel_hint": {"en": "Cancel and go back", "es": "Cancelar y volver"},
    "staff_no_pin": {
        "en": "No staff PIN is set on this kiosk. IT: run `python main.py set-pin`.",
        "es": "Este quiosco no tiene PIN del personal. Informática: ejecute "
        "`python main.py set-pin`.",
    },
    "staff_locked": {
        "en": "Too many wrong PINs. Try again in {wait}.",
        "es": "Demasiados PIN incorrectos. Vuelva a intentarlo en {wait}.",
    },
    "staff_wrong_wait": {
        "en": "Wrong PIN. Try again in {wait}.",
        "es": "PIN incorrecto. Vuelva a intentarlo en {wait}.",
    },
    "staff_wrong": {"en": "Wrong PIN.", "es": "PIN incorrecto."},
    "staff_menu": {"en": "Staff menu", "es": "Menú del personal"},
    "staff_close": {"en": "Close the staff menu", "es": "Cerrar el menú del personal"},
    "staff_this_kiosk": {"en": "This kiosk: {kiosk_id}", "es": "Este quiosco: {kiosk_id}"},
    "staff_site": {"en": "Site: {site}", "es": "Lugar: {site}"},
    "staff_site_unset": {
        "en": "Site: not set (IT: `site` in the settings file)",
        "es": "Lugar: sin indicar (Informática: `site` en el archivo de ajustes)",
    },
    "staff_content": {"en": "Content", "es": "Contenido"},
    "staff_reload": {"en": "Reload content now", "es": "Volver a cargar el contenido"},
    "staff_requests": {"en": "Call-back requests", "es": "Solicitudes de llamada"},
    "staff_read_requests": {"en": "Read the requests", "es": "Leer las solicitudes"},
    "staff_export_usb": {
        "en": "Export all to USB drive {drive}",
        "es": "Exportar todo a la memoria USB {drive}",
    },
    "staff_export_folder": {
        "en": "Export all to the kiosk exports folder",
        "es": "Exportar todo a la carpeta de exportación del quiosco",
    },
    "staff_checks": {"en": "Check this kiosk", "es": "Revisar este quiosco"},
    "staff_doctor": {"en": "Run doctor", "es": "Ejecutar doctor"},
    "staff_kiosk": {"en": "Kiosk", "es": "Quiosco"},
    "staff_restart": {"en": "Restart the kiosk", "es": "Reiniciar el quiosco"},
    "staff_exit": {"en": "Exit to the desktop", "es": "Salir al escritorio"},
    "staff_tap_again": {"en": "{what}: tap again to confirm", "es": "{what}: toque otra vez"},
    "staff_reloaded": {
        "en": "Content reloaded: it shows when you close this menu.",
        "es": "Contenido cargado: se verá al cerrar este menú.",
    },
    "staff_reload_failed": {
        "en": "The content file has errors; the kiosk keeps what it shows. {first}",
        "es": "El archivo de contenido tiene errores; el quiosco sigue mostrando lo de antes. "
        "{first}",
    },
    "staff_doctor_ok": {"en": "Doctor: all checks passed", "es": "Doctor: todo correcto"},
    "staff_doctor_fail": {
        "en": "Doctor: found a problem (FAIL below)",
        "es": "Doctor: hay un problema (FAIL, abajo)",
    },
    "staff_content_ok": {
        "en": "Content OK: {sections}, {topics}",
        "es": "Contenido correcto: {sections}, {topics}",
    },
    "staff_content_file": {"en": "File: {path}", "es": "Archivo: {path}"},
    "staff_content_checked": {"en": "Checked: {when}", "es": "Revisado: {when}"},
    "staff_content_kept": {
        "en": "Content file has errors: showing the last good copy",
        "es": "El archivo de contenido tiene errores: se muestra la última copia buena",
    },
    "staff_content_none": {
        "en": "Content file has errors and there is no good copy",
        "es": "El archivo de contenido tiene errores y no hay ninguna copia buena",
    },
    "staff_out_of_service": {
        "en": "This kiosk is out of service because of the content errors below. Fix them "
        "(`python main.py validate` lists them all), then tap Reload content now.",
        "es": "Este quiosco está fuera de servicio por los errores de contenido de abajo. "
        "Corríjalos (`python main.py validate` los muestra todos) y toque Volver a cargar "
        "el contenido.",
    },
    "staff_oos_reason": {
        "en": "Reason for staff: {reason}",
        "es": "Motivo, para el personal: {reason}",
    },
    "staff_oos_unknown": {
        "en": "no usable content; see the kiosk log",
        "es": "no hay contenido utilizable; vea el registro del quiosco",
    },
    "staff_requests_unreadable": {
        "en": "Could not read the requests ({kind}); run doctor",
        "es": "No se pudieron leer las solicitudes ({kind}); ejecute doctor",
    },
    "staff_delivered_all": {
        "en": "Delivery: every call-back request has been delivered",
        "es": "Envío: todas las solicitudes se han entregado",
    },
    "staff_delivery": {"en": "Delivery: {what}", "es": "Envío: {what}"},
    "staff_last_problem": {"en": "last problem: {what}", "es": "último problema: {what}"},
    "staff_refused_advice": {
        "en": "not retried: phone the patient from the export; see docs/delivery.md",
        "es": "no se reintenta: llame al paciente con los datos de la exportación; "
        "vea docs/delivery.md",
    },
    "staff_export_unreadable": {
        "en": "Export failed: could not read the requests ({kind})",
        "es": "Error al exportar: no se pudieron leer las solicitudes ({kind})",
    },
    "staff_export_unwritable": {
        "en": "Export failed: could not write to {folder} ({why})",
        "es": "Error al exportar: no se pudo escribir en {folder} ({why})",
    },
    "staff_back_to_menu": {"en": "Back to the staff menu", "es": "Volver al menú del personal"},
    "staff_back_to_list": {"en": "Back to the list", "es": "Volver a la lista"},
    "staff_no_requests": {
        "en": "There are no requests on this kiosk.",
        "es": "No hay solicitudes en este quiosco.",
    },
    "staff_request_title": {"en": "Request {reference}", "es": "Solicitud {reference}"},
    "staff_status_new": {"en": "new", "es": "nueva"},
    "staff_f_reference": {"en": "Reference", "es": "Referencia"},
    "staff_f_time": {"en": "Sent", "es": "Enviada"},
    "staff_f_status": {"en": "Status", "es": "Estado"},
    "staff_f_name": {"en": "Name", "es": "Nombre"},
    "staff_f_phone": {"en": "Phone", "es": "Teléfono"},
    "staff_f_email": {"en": "Email", "es": "Correo electrónico"},
    "staff_f_best_time": {"en": "Best time to call", "es": "Mejor hora para llamar"},
    "staff_f_reason": {"en": "Reason", "es": "Motivo"},
    "staff_f_note": {"en": "Note", "es": "Nota"},
    "staff_f_consent": {"en": "Agreed to a call", "es": "Acepta la llamada"},
    "staff_f_language": {"en": "Call back in", "es": "Llamar en"},
    "staff_f_site": {"en": "Site", "es": "Lugar"},
    "staff_f_kiosk": {"en": "Kiosk", "es": "Quiosco"},
    "staff_yes": {"en": "Yes", "es": "Sí"},
    "staff_no": {"en": "No", "es": "No"},
}


def tr(key: str, lang: str, **values: object) -> str:
    """The chrome string `key` in `lang` (English if that language lacks it)."""
    entry = CHROME[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


# Counted phrases, by CLDR plural category (Babel's rules: kiosk/design/plurals.py). Every
# language gives at least "other"; a category it lacks falls back to "other".
PLURALS: dict[str, dict[str, dict[str, str]]] = {
    "staff_new_waiting": {
        "en": {
            "one": "{n} new call-back request waiting",
            "other": "{n} new call-back requests waiting",
        },
        "es": {
            "one": "{n} solicitud de llamada nueva en espera",
            "other": "{n} solicitudes de llamada nuevas en espera",
        },
    },
    "staff_stored": {
        "en": {"one": "{n} stored on this kiosk", "other": "{n} stored on this kiosk"},
        "es": {"one": "{n} guardada en este quiosco", "other": "{n} guardadas en este quiosco"},
    },
    "staff_exported": {
        "en": {"one": "Exported {n} request to {path}", "other": "Exported {n} requests to {path}"},
        "es": {
            "one": "Se exportó {n} solicitud a {path}",
            "other": "Se exportaron {n} solicitudes a {path}",
        },
    },
    "staff_tries_left": {
        "en": {
            "one": "Wrong PIN. {n} more try before a lockout.",
            "other": "Wrong PIN. {n} more tries before a lockout.",
        },
        "es": {
            "one": "PIN incorrecto. Queda {n} intento antes del bloqueo.",
            "other": "PIN incorrecto. Quedan {n} intentos antes del bloqueo.",
        },
    },
    "staff_minutes": {
        "en": {"one": "{n} minute", "other": "{n} minutes"},
        "es": {"one": "{n} minuto", "other": "{n} minutos"},
    },
    "staff_seconds": {
        "en": {"one": "{n} second", "other": "{n} seconds"},
        "es": {"one": "{n} segundo", "other": "{n} segundos"},
    },
    "staff_sections": {
        "en": {"one": "{n} section", "other": "{n} sections"},
        "es": {"one": "{n} sección", "other": "{n} secciones"},
    },
    "staff_topics": {
        "en": {"one": "{n} topic", "other": "{n} topics"},
        "es": {"one": "{n} tema", "other": "{n} temas"},
    },
    "staff_more_errors": {
        "en": {
            "one": "... and {n} more error; run `python main.py validate`",
            "other": "... and {n} more errors; run `python main.py validate`",
        },
        "es": {
            "one": "... y {n} error más; ejecute `python main.py validate`",
            "other": "... y {n} errores más; ejecute `python main.py validate`",
        },
    },
    "staff_warnings": {
        "en": {
            "one": "{n} warning; run `python main.py validate`",
            "other": "{n} warnings; run `python main.py validate`",
        },
        "es": {
            "one": "{n} aviso; ejecute `python main.py validate`",
            "other": "{n} avisos; ejecute `python main.py validate`",
        },
    },
    "staff_retrying": {
        "en": {
            "one": "{n} request waiting to be delivered",
            "other": "{n} requests waiting to be delivered",
        },
        "es": {
            "one": "{n} solicitud pendiente de entrega",
            "other": "{n} solicitudes pendientes de entrega",
        },
    },
    "staff_overdue": {
        "en": {"one": "{n} for more than an hour", "other": "{n} for more than an hour"},
        "es": {"one": "{n} desde hace más de una hora", "other": "{n} desde hace más de una hora"},
    },
    "staff_refused": {
        "en": {
            "one": "{n} request REFUSED by the clinic's server ({why})",
            "other": "{n} requests REFUSED by the clinic's server ({why})",
        },
        "es": {
            "one": "{n} solicitud RECHAZADA por el servidor de la clínica ({why})",
            "other": "{n} solicitudes RECHAZADAS por el servidor de la clínica ({why})",
        },
    },
    "staff_showing_newest": {
        "en": {
            "one": "Showing the newest {shown} of {n} request; the export has them all.",
            "other": "Showing the newest {shown} of {n} requests; the export has them all.",
        },
        "es": {
            "one": "Se muestran las {shown} más recientes de {n} solicitud; la exportación "
            "las tiene todas.",
            "other": "Se muestran las {shown} más recientes de {n} solicitudes; la "
            "exportación las tiene todas.",
        },
    },
}


def trn(key: str, lang: str, n: int, **values: object) -> str:
    """The counted phrase `key` for `n` in `lang`, in the plural form that language's
    rules choose for `n` (English if that language lacks the phrase)."""
    from kiosk.design.plurals import plural_category

    forms = PLURALS[key].get(lang) or PLURALS[key]["en"]
    lang = lang if lang in PLURALS[key] else "en"
    text = forms.get(plural_category(n, lang)) or forms["other"]
    return text.format(n=n, **values)

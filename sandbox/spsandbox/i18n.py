"""Texts of the sandbox pages. Languages the platform supports (protocol.md section 6);
texts exist for fr, de, en, es; the others fall back to the default language."""

SUPPORTED_LANGUAGES = ("de", "en", "zh", "es", "fr", "it", "ja", "nl", "pl", "pt", "ru", "sv", "tr")

TEXTS = {
    "fr": {
        "page_title": "Paiement sécurisé",
        "test_banner": "MODE TEST - aucune transaction réelle ne sera effectuée",
        "shop": "Boutique", "order": "Référence de commande", "trans_id": "Transaction",
        "amount": "Montant", "card_type": "Type de carte", "card_number": "Numéro de carte",
        "expiry": "Date d'expiration", "month": "Mois", "year": "Année", "cvv": "Cryptogramme visuel",
        "pay": "Valider", "cancel": "Annuler et retourner à la boutique",
        "challenge_title": "Authentification 3-D Secure",
        "challenge_text": "Votre banque vous demande de confirmer ce paiement (simulation du contrôle 3-D Secure).",
        "challenge_ok": "Authentification réussie", "challenge_fail": "Authentification échouée",
        "accepted": "Votre paiement a été accepté.", "refused": "Votre paiement a été refusé.",
        "cancelled": "Le paiement a été annulé.", "to_validate": "Votre paiement a été enregistré (validation manuelle).",
        "return_to_shop": "Retourner à la boutique", "redirect_in": "Redirection vers la boutique dans %d s.",
        "error": "Erreur", "error_intro": "Une erreur est survenue lors de la demande de paiement :",
        "bad_signature": "signature incorrecte", "missing": "champ obligatoire absent",
        "bad_format": "format incorrect", "bad_value": "valeur incorrecte",
        "unknown_shop": "boutique inconnue", "duplicate": "transaction déjà existante ce jour",
        "bad_date": "date hors de la plage autorisée", "bad_encoding": "encodage incorrect (UTF-8 attendu)",
        "mode_unavailable": "mode non disponible pour cette boutique",
        "no_form": "aucun formulaire de paiement reçu",
        "brand_not_allowed": "Ce type de carte n'est pas accepté par la boutique.",
        "brand_mismatch": "Le numéro ne correspond pas au type de carte choisi.",
        "bad_card_number": "Numéro de carte invalide.", "bad_expiry": "Date d'expiration invalide ou dépassée.",
        "bad_cvv": "Cryptogramme visuel invalide.", "session_unknown": "Session de paiement inconnue ou expirée.",
        "status": "Statut", "result": "Code retour", "all_brands": "Toutes",
    },
    "en": {
        "page_title": "Secure payment",
        "test_banner": "TEST MODE - no real transaction will be made",
        "shop": "Shop", "order": "Order reference", "trans_id": "Transaction",
        "amount": "Amount", "card_type": "Card type", "card_number": "Card number",
        "expiry": "Expiry date", "month": "Month", "year": "Year", "cvv": "Card security code",
        "pay": "Pay", "cancel": "Cancel and return to the shop",
        "challenge_title": "3-D Secure authentication",
        "challenge_text": "Your bank asks you to confirm this payment (simulated 3-D Secure check).",
        "challenge_ok": "Authentication successful", "challenge_fail": "Authentication failed",
        "accepted": "Your payment has been accepted.", "refused": "Your payment has been refused.",
        "cancelled": "The payment has been cancelled.", "to_validate": "Your payment has been registered (manual validation).",
        "return_to_shop": "Return to the shop", "redirect_in": "Redirecting to the shop in %d s.",
        "error": "Error", "error_intro": "An error occurred in the payment request:",
        "bad_signature": "invalid signature", "missing": "mandatory field missing",
        "bad_format": "invalid format", "bad_value": "invalid value",
        "unknown_shop": "unknown shop", "duplicate": "transaction already exists today",
        "bad_date": "date outside the allowed range", "bad_encoding": "invalid encoding (UTF-8 expected)",
        "mode_unavailable": "mode not available for this shop",
        "no_form": "no payment form received",
        "brand_not_allowed": "This card type is not accepted by the shop.",
        "brand_mismatch": "The number does not match the selected card type.",
        "bad_card_number": "Invalid card number.", "bad_expiry": "Invalid or past expiry date.",
        "bad_cvv": "Invalid card security code.", "session_unknown": "Unknown or expired payment session.",
        "status": "Status", "result": "Result code", "all_brands": "All",
    },
    "de": {
        "page_title": "Sichere Zahlung",
        "test_banner": "TESTMODUS - es wird keine echte Transaktion durchgeführt",
        "shop": "Shop", "order": "Bestellnummer", "trans_id": "Transaktion",
        "amount": "Betrag", "card_type": "Kartentyp", "card_number": "Kartennummer",
        "expiry": "Ablaufdatum", "month": "Monat", "year": "Jahr", "cvv": "Kartenprüfnummer",
        "pay": "Bezahlen", "cancel": "Abbrechen und zum Shop zurückkehren",
        "challenge_title": "3-D Secure Authentifizierung",
        "challenge_text": "Ihre Bank bittet Sie, diese Zahlung zu bestätigen (simulierte 3-D-Secure-Prüfung).",
        "challenge_ok": "Authentifizierung erfolgreich", "challenge_fail": "Authentifizierung fehlgeschlagen",
        "accepted": "Ihre Zahlung wurde angenommen.", "refused": "Ihre Zahlung wurde abgelehnt.",
        "cancelled": "Die Zahlung wurde abgebrochen.", "to_validate": "Ihre Zahlung wurde registriert (manuelle Freigabe).",
        "return_to_shop": "Zurück zum Shop", "redirect_in": "Weiterleitung zum Shop in %d s.",
        "error": "Fehler", "error_intro": "Bei der Zahlungsanfrage ist ein Fehler aufgetreten:",
        "bad_signature": "ungültige Signatur", "missing": "Pflichtfeld fehlt",
        "bad_format": "ungültiges Format", "bad_value": "ungültiger Wert",
        "unknown_shop": "unbekannter Shop", "duplicate": "Transaktion existiert heute bereits",
        "bad_date": "Datum außerhalb des erlaubten Bereichs", "bad_encoding": "ungültige Kodierung (UTF-8 erwartet)",
        "mode_unavailable": "Modus für diesen Shop nicht verfügbar",
        "no_form": "kein Zahlungsformular empfangen",
        "brand_not_allowed": "Dieser Kartentyp wird vom Shop nicht akzeptiert.",
        "brand_mismatch": "Die Nummer passt nicht zum gewählten Kartentyp.",
        "bad_card_number": "Ungültige Kartennummer.", "bad_expiry": "Ungültiges oder abgelaufenes Ablaufdatum.",
        "bad_cvv": "Ungültige Kartenprüfnummer.", "session_unknown": "Unbekannte oder abgelaufene Zahlungssitzung.",
        "status": "Status", "result": "Ergebniscode", "all_brands": "Alle",
    },
    "es": {
        "page_title": "Pago seguro",
        "test_banner": "MODO DE PRUEBA - no se realizará ninguna transacción real",
        "shop": "Tienda", "order": "Referencia del pedido", "trans_id": "Transacción",
        "amount": "Importe", "card_type": "Tipo de tarjeta", "card_number": "Número de tarjeta",
        "expiry": "Fecha de caducidad", "month": "Mes", "year": "Año", "cvv": "Código de seguridad",
        "pay": "Pagar", "cancel": "Cancelar y volver a la tienda",
        "challenge_title": "Autenticación 3-D Secure",
        "challenge_text": "Su banco le pide que confirme este pago (control 3-D Secure simulado).",
        "challenge_ok": "Autenticación correcta", "challenge_fail": "Autenticación fallida",
        "accepted": "Su pago ha sido aceptado.", "refused": "Su pago ha sido rechazado.",
        "cancelled": "El pago ha sido cancelado.", "to_validate": "Su pago ha sido registrado (validación manual).",
        "return_to_shop": "Volver a la tienda", "redirect_in": "Redirección a la tienda en %d s.",
        "error": "Error", "error_intro": "Se ha producido un error en la solicitud de pago:",
        "bad_signature": "firma incorrecta", "missing": "falta un campo obligatorio",
        "bad_format": "formato incorrecto", "bad_value": "valor incorrecto",
        "unknown_shop": "tienda desconocida", "duplicate": "la transacción ya existe hoy",
        "bad_date": "fecha fuera del rango permitido", "bad_encoding": "codificación incorrecta (se espera UTF-8)",
        "mode_unavailable": "modo no disponible para esta tienda",
        "no_form": "no se ha recibido ningún formulario de pago",
        "brand_not_allowed": "La tienda no acepta este tipo de tarjeta.",
        "brand_mismatch": "El número no corresponde al tipo de tarjeta elegido.",
        "bad_card_number": "Número de tarjeta no válido.", "bad_expiry": "Fecha de caducidad no válida o pasada.",
        "bad_cvv": "Código de seguridad no válido.", "session_unknown": "Sesión de pago desconocida o caducada.",
        "status": "Estado", "result": "Código de resultado", "all_brands": "Todas",
    },
}


def page_language(requested: str, default: str) -> str:
    """Language whose texts the page uses."""
    if requested in TEXTS:
        return requested
    return default if default in TEXTS else "fr"


def texts(lang: str) -> dict:
    return TEXTS.get(lang, TEXTS["fr"])


# Texts of the embedded form (JavaScript client stand-in), sent to it by /krypton/init.
# Error texts are keyed by the platform's error codes (see krypton.py).
KR_TEXTS = {
    "fr": {
        "pan": "Numéro de carte", "expiry": "Date d'expiration (MM/AA)", "security_code": "Cryptogramme visuel",
        "pay": "Payer", "close": "Fermer", "processing": "Traitement en cours…",
        "accepted": "Paiement accepté.", "test_mode": "MODE TEST",
        "challenge_title": "Authentification 3-D Secure",
        "challenge_text": "Votre banque vous demande de confirmer ce paiement (simulation du contrôle 3-D Secure).",
        "challenge_ok": "Authentification réussie", "challenge_fail": "Authentification échouée",
        "CLIENT_301": "Le numéro de carte est invalide. Vérifiez le numéro et essayez à nouveau.",
        "CLIENT_302": "La date d'expiration est invalide. Vérifiez la date et essayez à nouveau.",
        "CLIENT_303": "Le code de sécurité CVV est invalide. Vérifiez le code et essayez à nouveau.",
        "CLIENT_999": "Une erreur technique est survenue. Merci de réessayer plus tard.",
        "ACQ_001": "Le paiement est refusé. Essayez de payer avec une autre carte.",
        "PSP_003": "L'authentification 3-D Secure a échoué : le paiement est refusé.",
        "PSP_099": "Trop de tentatives ont été effectuées. Le paiement est refusé.",
        "PSP_108": "Le formulaire a expiré. Veuillez rafraîchir la page.",
        "PSP_016": "Cette commande a déjà été payée.",
        "PSP_001": "Ce formulaire ne peut pas être utilisé avec cette clé publique.",
    },
    "en": {
        "pan": "Card number", "expiry": "Expiry date (MM/YY)", "security_code": "Security code",
        "pay": "Pay", "close": "Close", "processing": "Processing…",
        "accepted": "Payment accepted.", "test_mode": "TEST MODE",
        "challenge_title": "3-D Secure authentication",
        "challenge_text": "Your bank asks you to confirm this payment (simulated 3-D Secure check).",
        "challenge_ok": "Authentication successful", "challenge_fail": "Authentication failed",
        "CLIENT_301": "The card number is invalid. Please check the number and try again.",
        "CLIENT_302": "The expiration date is invalid. Please check the date and try again.",
        "CLIENT_303": "The card security code (CVV) is invalid. Please check the code and try again.",
        "CLIENT_999": "A technical error has occurred. Please try again later.",
        "ACQ_001": "Payment is refused. Try to pay with another card.",
        "PSP_003": "3-D Secure authentication failed: the payment is refused.",
        "PSP_099": "Too many attempts. The payment is refused.",
        "PSP_108": "The form has expired. Please refresh the page.",
        "PSP_016": "This order has already been paid.",
        "PSP_001": "This form cannot be used with this public key.",
    },
    "de": {
        "pan": "Kartennummer", "expiry": "Ablaufdatum (MM/JJ)", "security_code": "Kartenprüfnummer",
        "pay": "Bezahlen", "close": "Schließen", "processing": "Wird bearbeitet…",
        "accepted": "Zahlung angenommen.", "test_mode": "TESTMODUS",
        "challenge_title": "3-D Secure Authentifizierung",
        "challenge_text": "Ihre Bank bittet Sie, diese Zahlung zu bestätigen (simulierte 3-D-Secure-Prüfung).",
        "challenge_ok": "Authentifizierung erfolgreich", "challenge_fail": "Authentifizierung fehlgeschlagen",
        "CLIENT_301": "Die Kartennummer ist ungültig. Bitte überprüfen Sie die Nummer und versuchen Sie es erneut.",
        "CLIENT_302": "Das Ablaufdatum ist ungültig. Bitte überprüfen Sie das Datum und versuchen Sie es erneut.",
        "CLIENT_303": "Die Kartenprüfnummer (CVC) ist ungültig. Bitte überprüfen Sie die Nummer und versuchen Sie "
                      "es erneut.",
        "CLIENT_999": "Ein technischer Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.",
        "ACQ_001": "Die Zahlung wurde abgelehnt. Versuchen Sie, mit einer anderen Karte zu bezahlen.",
        "PSP_003": "Die 3-D-Secure-Authentifizierung ist fehlgeschlagen: Die Zahlung wurde abgelehnt.",
        "PSP_099": "Zu viele Versuche. Die Zahlung wurde abgelehnt.",
        "PSP_108": "Das Formular ist abgelaufen. Bitte laden Sie die Seite neu.",
        "PSP_016": "Diese Bestellung wurde bereits bezahlt.",
        "PSP_001": "Dieses Formular kann mit diesem öffentlichen Schlüssel nicht verwendet werden.",
    },
    "es": {
        "pan": "Número de tarjeta", "expiry": "Fecha de caducidad (MM/AA)", "security_code": "Código de seguridad",
        "pay": "Pagar", "close": "Cerrar", "processing": "Procesando…",
        "accepted": "Pago aceptado.", "test_mode": "MODO DE PRUEBA",
        "challenge_title": "Autenticación 3-D Secure",
        "challenge_text": "Su banco le pide que confirme este pago (control 3-D Secure simulado).",
        "challenge_ok": "Autenticación correcta", "challenge_fail": "Autenticación fallida",
        "CLIENT_301": "El número de tarjeta no es válido. Compruebe el número y vuelva a intentarlo.",
        "CLIENT_302": "La fecha de caducidad no es válida. Compruebe la fecha y vuelva a intentarlo.",
        "CLIENT_303": "El código de seguridad (CVV) no es válido. Compruebe el código y vuelva a intentarlo.",
        "CLIENT_999": "Se ha producido un error técnico. Inténtelo de nuevo más tarde.",
        "ACQ_001": "El pago ha sido rechazado. Intente pagar con otra tarjeta.",
        "PSP_003": "La autenticación 3-D Secure ha fallado: el pago ha sido rechazado.",
        "PSP_099": "Demasiados intentos. El pago ha sido rechazado.",
        "PSP_108": "El formulario ha caducado. Actualice la página.",
        "PSP_016": "Este pedido ya ha sido pagado.",
        "PSP_001": "Este formulario no se puede utilizar con esta clave pública.",
    },
}


def kr_language(*candidates, default="en") -> str:
    """First candidate ('de-DE', 'fr', 'EN'...) whose 2-letter language has embedded-form texts."""
    for c in candidates:
        lang = (c or "")[:2].lower()
        if lang in KR_TEXTS:
            return lang
    return default if default in KR_TEXTS else "en"

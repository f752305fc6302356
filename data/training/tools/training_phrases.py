"""Phrase banks of the training generator (generate_training.py). Written for this desk; one core request per line."""

CORE = {
    "reset_help": {
        "en": ["the link to create a new password says it has expired", "I never got the email with the reset code",
               "the reset page shows an error when I press submit", "your password reset code doesn't arrive, I've asked for it five times",
               "the create new password button does nothing", "the reset link opens a blank page", "it keeps saying the token is invalid when I set the new password",
               "I typed the 6 digit code and it says wrong code"],
        "es": ["el enlace para crear la nueva contraseña dice que caducó", "nunca me llega el correo con el código para restablecer",
               "la página de restablecer da error al enviar", "el botón de crear nueva contraseña no hace nada", "me dice que el código no es válido"],
        "fr": ["le lien pour créer un nouveau mot de passe a expiré", "je ne reçois jamais le courriel avec le code de réinitialisation",
               "la page de réinitialisation affiche une erreur", "le bouton créer un nouveau mot de passe ne fait rien", "il dit que le code est invalide"],
        "de": ["der Link zum neuen Passwort ist abgelaufen", "die E-Mail mit dem Code zum Zurücksetzen kommt nie an",
               "die Seite zum Zurücksetzen zeigt einen Fehler", "der Knopf neues Passwort erstellen macht nichts", "es heißt der Code sei ungültig"],
    },
    "login_problem": {
        "en": ["I made a new password but I still can't sign in", "my account is locked after too many tries",
               "the email address on my account is an old one I can't get into", "it says my account doesn't exist when I log in",
               "the verification text goes to a phone number I don't have anymore", "after the reset the login page just loops back",
               "I changed the password and now it says incorrect password every time"],
        "es": ["ya cambié la contraseña pero no puedo iniciar sesión", "mi cuenta está bloqueada", "el correo de mi cuenta es uno viejo que ya no uso",
               "el mensaje de verificación va a un teléfono que ya no tengo", "dice contraseña incorrecta aunque la acabo de cambiar"],
        "fr": ["j'ai changé le mot de passe mais je ne peux toujours pas me connecter", "mon compte est bloqué",
               "l'adresse courriel du compte est une ancienne", "le code de vérification part vers un ancien numéro", "il dit mot de passe incorrect alors que je viens de le changer"],
        "de": ["ich habe ein neues Passwort aber kann mich nicht anmelden", "mein Konto ist gesperrt", "die E-Mail-Adresse im Konto ist eine alte",
               "der Bestätigungscode geht an eine alte Handynummer", "es steht falsches Passwort obwohl ich es gerade geändert habe"],
    },
    "exposure_question": {
        "en": ["what exactly was taken in the breach", "was my information part of this", "why did it take you so long to tell us",
               "when did the hackers get in", "was my home address and phone number exposed", "how many customers were affected", "did they get my purchase history"],
        "es": ["qué datos se robaron exactamente", "mis datos fueron parte de esto", "por qué tardaron tanto en avisar", "cuándo entraron los hackers", "se expuso mi dirección"],
        "fr": ["quelles données ont été volées exactement", "mes informations sont-elles concernées", "pourquoi avoir attendu si longtemps pour nous prévenir",
               "quand les pirates sont-ils entrés", "mon adresse a-t-elle été exposée"],
        "de": ["welche Daten wurden genau gestohlen", "sind meine Daten betroffen", "warum haben Sie so lange gewartet uns zu informieren",
               "wann sind die Angreifer eingedrungen", "wurde meine Adresse offengelegt"],
    },
    "card_safety": {
        "en": ["is my credit card safe", "should I cancel my card", "there's a charge on my Visa I don't recognize",
               "my card is saved in my account, was it stolen", "do I need to call my bank about my Mastercard", "someone used my debit card after this"],
        "es": ["mi tarjeta de crédito está segura", "debo cancelar mi tarjeta", "hay un cargo en mi tarjeta que no reconozco", "tengo que llamar al banco por mi tarjeta"],
        "fr": ["ma carte bancaire est-elle en sécurité", "dois-je faire opposition sur ma carte", "il y a un débit inconnu sur ma carte", "faut-il appeler ma banque pour ma carte"],
        "de": ["ist meine Kreditkarte sicher", "soll ich meine Karte sperren lassen", "auf meiner Karte ist eine Abbuchung die ich nicht kenne", "muss ich wegen meiner Karte die Bank anrufen"],
    },
    "phishing_check": {
        "en": ["is this email really from you", "I got a text saying my account is suspended with a link, is it real",
               "someone called saying they were from Meridian and asked for my password", "I forwarded a message below, is it a scam",
               "this email asks me to confirm my card number, is it legit", "got a letter asking me to verify my account online"],
        "es": ["este correo es realmente de ustedes", "recibí un mensaje con un enlace diciendo que mi cuenta está suspendida, es real",
               "me llamaron diciendo que eran de Meridian y pidieron mi contraseña", "les reenvío un correo, es una estafa"],
        "fr": ["ce courriel vient-il vraiment de vous", "j'ai reçu un SMS avec un lien disant que mon compte est suspendu, est-ce vrai",
               "quelqu'un a appelé de la part de Meridian et a demandé mon mot de passe", "je vous transfère un message, est-ce une arnaque"],
        "de": ["ist diese E-Mail wirklich von Ihnen", "ich habe eine SMS mit Link bekommen mein Konto sei gesperrt, ist das echt",
               "jemand hat angerufen angeblich von Meridian und wollte mein Passwort", "ich leite Ihnen eine Nachricht weiter, ist das Betrug"],
    },
    "intl_access": {
        "en": ["I can't open your site from Canada", "the page says access denied because I'm outside the US",
               "I'm on a military base in Germany and the site is blocked", "with my VPN on the site won't load", "your website is blocked here in Japan"],
        "es": ["no puedo abrir la página desde México", "dice acceso denegado porque estoy fuera de Estados Unidos", "con la VPN no carga el sitio"],
        "fr": ["je ne peux pas ouvrir votre site depuis le Canada", "le site dit accès refusé parce que je suis hors des États-Unis", "avec mon VPN le site ne charge pas"],
        "de": ["ich kann Ihre Seite aus Deutschland nicht öffnen", "die Seite sagt Zugriff verweigert weil ich nicht in den USA bin", "mit VPN lädt die Seite nicht"],
    },
    "close_account": {
        "en": ["please delete my account", "remove all my data under the CCPA", "unsubscribe me from your emails",
               "close my account, I'm done", "stop sending me catalogs and texts", "I want my personal data erased"],
        "es": ["por favor borren mi cuenta", "quiero que eliminen todos mis datos", "dénme de baja de sus correos", "cierren mi cuenta"],
        "fr": ["veuillez supprimer mon compte", "effacez toutes mes données selon le RGPD", "désabonnez-moi de vos courriels", "fermez mon compte"],
        "de": ["bitte löschen Sie mein Konto", "löschen Sie alle meine Daten nach DSGVO", "melden Sie mich vom Newsletter ab", "schließen Sie mein Konto"],
    },
    "identity_protection": {
        "en": ["will you pay for credit monitoring", "do you offer identity theft protection", "how do I sign up for the free monitoring",
               "I want you to cover a credit freeze", "is there an identity protection code for us"],
        "es": ["van a pagar el monitoreo de crédito", "ofrecen protección contra robo de identidad", "cómo me inscribo al monitoreo gratis"],
        "fr": ["allez-vous payer une surveillance de crédit", "proposez-vous une protection contre le vol d'identité", "comment m'inscrire à la surveillance gratuite"],
        "de": ["übernehmen Sie die Kosten für eine Bonitätsüberwachung", "bieten Sie Schutz vor Identitätsdiebstahl an", "wie melde ich mich für die kostenlose Überwachung an"],
    },
    "complaint": {
        "en": ["this is unacceptable, you should be ashamed", "I'm going to report you to the attorney general", "I'll never shop with you again",
               "thanks a lot for losing my data", "I demand compensation for this mess", "how could a company this big be so careless"],
        "es": ["esto es inaceptable", "los voy a denunciar", "nunca más compro con ustedes", "exijo una compensación"],
        "fr": ["c'est inadmissible", "je vais porter plainte", "je n'achèterai plus jamais chez vous", "j'exige un dédommagement"],
        "de": ["das ist eine Frechheit", "ich werde Sie anzeigen", "ich kaufe nie wieder bei Ihnen", "ich verlange eine Entschädigung"],
    },
    "order_other": {
        "en": ["where is my order", "I want to return the boots I bought", "my tent arrived damaged", "can I change the size of my jacket order",
               "when will the sleeping bag be back in stock", "my refund hasn't shown up yet"],
        "es": ["dónde está mi pedido", "quiero devolver las botas", "mi tienda de campaña llegó dañada", "cuándo llega mi reembolso"],
        "fr": ["où est ma commande", "je veux retourner les chaussures", "ma tente est arrivée abîmée", "quand vais-je recevoir mon remboursement"],
        "de": ["wo ist meine Bestellung", "ich möchte die Stiefel zurückschicken", "mein Zelt kam beschädigt an", "wann kommt meine Rückerstattung"],
    },
    "thanks": {
        "en": ["thanks for letting us know", "done, thank you", "appreciate the heads up", "thank you, all sorted now",
               "thanks to the agent who helped me yesterday", "got it, thanks"],
        "es": ["gracias por avisar", "listo, gracias", "muchas gracias por la información", "ya quedó, gracias"],
        "fr": ["merci de nous avoir prévenus", "c'est fait, merci", "merci pour l'information", "tout est réglé, merci"],
        "de": ["danke für die Info", "erledigt, danke", "vielen Dank für den Hinweis", "alles klar, danke"],
    },
}

SUBJECTS = {
    "reset_help": ["reset link", "code never came", "password reset broken", "can't create password"],
    "login_problem": ["can't log in", "account locked", "login issue", "sign in problem"],
    "exposure_question": ["what was stolen?", "breach question", "my data?", "questions"],
    "card_safety": ["my card", "credit card", "strange charge", "card safe?"],
    "phishing_check": ["is this real?", "suspicious email", "scam?", "Fwd: Your account is suspended"],
    "intl_access": ["site blocked", "access denied abroad", "can't reach website", "VPN"],
    "close_account": ["delete account", "unsubscribe", "remove my data", "close account"],
    "identity_protection": ["credit monitoring", "identity theft protection", "monitoring?", "protection"],
    "complaint": ["disgusted", "complaint", "unacceptable", "very unhappy"],
    "order_other": ["order status", "return", "my order", "refund"],
    "thanks": ["thanks", "done", "thank you", ""],
}

OPENINGS = {
    "en": ["Hi,", "Hello there.", "Good morning,", "I've been a loyal customer for twelve years and buy all our camping gear from you.",
           "My mother asked me to write for her since she doesn't use email much.", "Sorry to bother you on a Sunday.",
           "We run a small scout troop and the account is in my name.", "I got your email this morning."],
    "es": ["Hola,", "Buenos días.", "Escribo de parte de mi papá.", "Soy cliente desde hace años.", "Recibí su correo hoy."],
    "fr": ["Bonjour,", "Bonsoir.", "J'écris pour ma mère.", "Je suis client depuis des années.", "J'ai reçu votre courriel ce matin."],
    "de": ["Hallo,", "Guten Tag,", "Ich schreibe für meinen Vater.", "Ich bin seit Jahren Kunde.", "Ich habe heute Ihre E-Mail bekommen."],
}

FOLLOW_UPS = {
    "en": ["Still doesn't work.", "I wrote yesterday and nothing changed.", "Same problem as before.", "Tried again, no luck."],
    "es": ["Sigue sin funcionar.", "Ya escribí ayer y nada.", "El mismo problema."],
    "fr": ["Ça ne marche toujours pas.", "J'ai écrit hier et rien n'a changé.", "Même problème."],
    "de": ["Geht immer noch nicht.", "Ich habe gestern schon geschrieben.", "Gleiches Problem wie vorher."],
}

CLOSINGS = {
    "en": ["Thanks", "Regards,\nPat", "Sent from my iPhone", "-- \nM. Alvarez\nTroop 41", "Please help.", ""],
    "es": ["Gracias", "Saludos,\nLucía", "Enviado desde mi iPhone", ""],
    "fr": ["Merci", "Cordialement,\nÉlodie", "Envoyé de mon iPhone", ""],
    "de": ["Danke", "Mit freundlichen Grüßen\nJürgen", "Von meinem iPhone gesendet", ""],
}

SUSPICIOUS = [
    "Dear valued customer, your Meridian account has been suspended. Verify your details within 24 hours at http://meridian-secure-login.example/verify or lose access.",
    "Meridian Security: unusual activity detected. Confirm your card number and password here: http://bit.ly/mer1d1an",
    "Your order could not be delivered. Pay the $1.99 customs fee at http://parcel-meridian.example to release it.",
]

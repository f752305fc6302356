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

# More ways to ask the same things (second pass after the error analysis in docs/classifier.md: the first banks were
# too narrow for paraphrases, and short thanks and non-English requests were the weakest).
MORE_CORE = {
    "reset_help": {
        "en": ["the page for a new password times out", "I asked for the code three times and the inbox stays empty", "the reset form gives error 500",
               "your link says invalid or already used", "nothing happens after I enter my email on the forgot password page", "the verification code email is not coming"],
        "es": ["el enlace dice que ya fue usado", "no llega el código de verificación", "la página de nueva contraseña da error 500", "después de poner mi correo no pasa nada"],
        "fr": ["le lien dit déjà utilisé", "le code de vérification n'arrive pas", "la page du nouveau mot de passe donne une erreur 500", "après avoir saisi mon adresse rien ne se passe"],
        "de": ["der Link sagt bereits verwendet", "der Bestätigungscode kommt nicht an", "die Seite für das neue Passwort zeigt Fehler 500", "nach Eingabe meiner E-Mail passiert nichts"],
    },
    "login_problem": {
        "en": ["the password was accepted but signing in fails", "I'm locked out after a few attempts", "you have an old work email on my account",
               "the login screen keeps loading and never opens my account", "two factor code goes to an old number", "it won't let me into my account with the new password"],
        "es": ["la contraseña se aceptó pero no puedo entrar", "después de varios intentos me bloqueó", "la pantalla de inicio se queda cargando", "el código de dos pasos va a un número viejo"],
        "fr": ["le mot de passe a été accepté mais la connexion échoue", "après quelques essais je suis bloqué", "l'écran de connexion charge sans fin", "le code à deux facteurs va vers un ancien numéro"],
        "de": ["das Passwort wurde angenommen aber die Anmeldung scheitert", "nach ein paar Versuchen bin ich gesperrt", "die Anmeldeseite lädt endlos", "der Zwei-Faktor-Code geht an eine alte Nummer"],
    },
    "exposure_question": {
        "en": ["which of my details did they see", "does this affect in-store customers too", "what kind of account information was accessed",
               "why the delay between discovering it and telling customers", "were birthdays or addresses in that system", "how do I know if I'm one of the affected people"],
        "es": ["qué información mía vieron", "afecta también a los clientes de tienda", "por qué la demora en avisar", "cómo sé si estoy entre los afectados"],
        "fr": ["quelles informations ont-ils vues", "cela concerne-t-il aussi les clients en magasin", "pourquoi ce délai avant de prévenir", "comment savoir si je fais partie des personnes touchées"],
        "de": ["welche meiner Daten wurden gesehen", "betrifft das auch Kunden im Geschäft", "warum die Verzögerung bei der Benachrichtigung", "woher weiß ich ob ich betroffen bin"],
    },
    "card_safety": {
        "en": ["my card is saved for checkout, do I need a new one", "my bank called about a purchase I didn't make", "should I freeze my card",
               "can you guarantee my Amex wasn't exposed", "do I need to replace the card I used with you"],
        "es": ["mi tarjeta está guardada, necesito una nueva", "el banco me llamó por una compra que no hice", "debo congelar mi tarjeta"],
        "fr": ["ma carte est enregistrée, dois-je en demander une nouvelle", "ma banque m'a appelé pour un achat que je n'ai pas fait", "dois-je bloquer ma carte"],
        "de": ["meine Karte ist gespeichert, brauche ich eine neue", "meine Bank hat wegen eines Kaufs angerufen den ich nicht gemacht habe", "soll ich meine Karte sperren"],
    },
    "phishing_check": {
        "en": ["the message below uses your logo but the sender address is strange", "a caller said he was from your fraud department", "did you really send the email underneath",
               "I got a text with a short link about my points, is that you", "this looks like phishing, can you confirm"],
        "es": ["el correo de abajo tiene su logo pero el remitente es extraño", "me llamó alguien del supuesto departamento de fraude", "ustedes enviaron este mensaje de verdad"],
        "fr": ["le message ci-dessous a votre logo mais l'adresse est étrange", "quelqu'un a appelé du soi-disant service des fraudes", "avez-vous vraiment envoyé ce message"],
        "de": ["die Mail unten hat Ihr Logo aber die Absenderadresse ist seltsam", "ein Anrufer sagte er sei von Ihrer Betrugsabteilung", "haben Sie diese Nachricht wirklich geschickt"],
    },
    "intl_access": {
        "en": ["the site says not available in your region", "I'm abroad for work and get a forbidden page", "on satellite internet your site won't open",
               "even with a US VPN I get blocked", "I live in Brazil and the page is blocked"],
        "es": ["el sitio dice no disponible en su región", "estoy en el extranjero y sale prohibido", "vivo en Colombia y la página está bloqueada"],
        "fr": ["le site dit non disponible dans votre région", "je suis à l'étranger et la page est interdite", "j'habite en Belgique et le site est bloqué"],
        "de": ["die Seite sagt in Ihrer Region nicht verfügbar", "ich bin im Ausland und bekomme verboten", "ich wohne in Österreich und die Seite ist gesperrt"],
    },
    "close_account": {
        "en": ["take me off all your mailing lists", "I request deletion of all information you hold about me", "no more promotional messages",
               "I don't want an account with you anymore", "erase my profile and purchase history"],
        "es": ["quítenme de todas las listas", "pido que borren toda mi información", "no quiero más promociones"],
        "fr": ["retirez-moi de vos listes d'envoi", "je demande la suppression de toutes mes informations", "plus de messages promotionnels"],
        "de": ["nehmen Sie mich aus allen Verteilern", "ich beantrage die Löschung aller meiner Informationen", "keine Werbung mehr bitte"],
    },
    "identity_protection": {
        "en": ["other companies offered a year of Experian or Equifax monitoring", "who pays if someone opens credit in my name",
               "is there a link to enroll in monitoring", "will you reimburse my credit freeze fees", "do we get a free year of identity protection"],
        "es": ["otras empresas ofrecieron un año de Experian", "quién paga si abren crédito a mi nombre", "hay un enlace para inscribirse a la protección"],
        "fr": ["d'autres sociétés ont offert un an de surveillance", "qui paie si on ouvre un crédit à mon nom", "y a-t-il un lien pour s'inscrire à la protection"],
        "de": ["andere Firmen haben ein Jahr Überwachung angeboten", "wer zahlt wenn jemand Kredit auf meinen Namen aufnimmt", "gibt es einen Link zur Anmeldung für den Schutz"],
    },
    "complaint": {
        "en": ["after all these years this is how you treat customers", "expect to hear from my attorney", "great security, well done",
               "I'll tell all my friends to shop somewhere else", "shame on you"],
        "es": ["después de tantos años así tratan a los clientes", "mi abogado los contactará", "qué vergüenza"],
        "fr": ["après toutes ces années voilà comment vous traitez vos clients", "mon avocat vous contactera", "quelle honte"],
        "de": ["nach all den Jahren behandeln Sie Kunden so", "Sie hören von meinem Anwalt", "schämen Sie sich"],
    },
    "order_other": {
        "en": ["my order still says processing", "can I exchange the jacket for another size", "the package was missing a part",
               "can I still use my store credit", "the item I got is the wrong color"],
        "es": ["mi pedido sigue en proceso", "puedo cambiar la talla", "al paquete le faltaba una pieza"],
        "fr": ["ma commande est toujours en traitement", "puis-je changer la taille", "il manquait une pièce dans le colis"],
        "de": ["meine Bestellung steht noch auf in Bearbeitung", "kann ich die Größe tauschen", "im Paket fehlte ein Teil"],
    },
    "thanks": {
        "en": ["all good now, thank you", "the new password works, thanks", "your colleague was very kind, thank you", "received, thanks",
               "everything is fine, no questions", "cheers, sorted"],
        "es": ["todo bien, gracias", "la contraseña nueva funciona, gracias", "su compañera fue muy amable"],
        "fr": ["tout va bien, merci", "le nouveau mot de passe marche, merci", "votre collègue a été très aimable"],
        "de": ["alles gut, danke", "das neue Passwort geht, danke", "Ihre Kollegin war sehr freundlich"],
    },
}

for _intent, _langs in MORE_CORE.items():
    for _lang, _phrases in _langs.items():
        CORE[_intent][_lang].extend(_phrases)

# Openings that say nothing about the intent, long ones included, so the model learns to look past them.
OPENINGS["en"] += ["We were out hiking all weekend and I only saw your email now.", "My husband handles the computer but he's traveling.",
                   "I'm writing from my phone so excuse the typos.", "Long time customer, first time writing in.", "Hope you are all doing ok with this mess."]
OPENINGS["es"] += ["Estuvimos de viaje y hasta ahora vi su correo.", "Mi esposo se encarga de esto pero está de viaje.", "Escribo desde el celular, perdón los errores."]
OPENINGS["fr"] += ["Nous étions en montagne tout le week-end.", "Mon mari s'occupe de l'ordinateur mais il est absent.", "J'écris depuis mon téléphone, excusez les fautes."]
OPENINGS["de"] += ["Wir waren das ganze Wochenende wandern.", "Mein Mann macht das sonst, ist aber verreist.", "Ich schreibe vom Handy, sorry für Tippfehler."]

# Third pass: openings that comment on the mail itself or tell a story, in every language (the unseen-mail file showed
# the model blaming such openings on complaint and exposure_question), and more thanks outside English.
OPENINGS["en"] += ["Not sure this is the right address for this.", "No idea if a human reads this inbox.", "Just back from vacation and catching up on email.",
                   "Writing on behalf of my elderly neighbour.", "I'll keep this short."]
OPENINGS["es"] += ["No sé si este es el correo correcto.", "No sé si alguien lee esto.", "Acabo de volver de vacaciones.", "Escribo por mi vecina mayor.", "Seré breve."]
OPENINGS["fr"] += ["Je ne sais pas si c'est la bonne adresse.", "Je ne sais pas si quelqu'un lit ces messages.", "De retour de vacances.", "J'écris pour ma voisine âgée.", "Je serai bref."]
OPENINGS["de"] += ["Ich weiß nicht ob das die richtige Adresse ist.", "Keine Ahnung ob das jemand liest.", "Gerade aus dem Urlaub zurück.", "Ich schreibe für meine ältere Nachbarin.", "Ich fasse mich kurz."]
CORE["thanks"]["es"] += ["todo resuelto, mil gracias", "ya pude entrar, gracias", "se agradece la ayuda"]
CORE["thanks"]["fr"] += ["tout est en ordre, merci beaucoup", "j'ai pu me reconnecter, merci", "merci pour votre aide"]
CORE["thanks"]["de"] += ["alles in Ordnung, vielen Dank", "ich konnte mich wieder anmelden, danke", "danke für Ihre Hilfe"]
CORE["login_problem"]["es"] += ["tienen un correo antiguo en mi cuenta", "me bloqueó por demasiados intentos"]
CORE["login_problem"]["fr"] += ["il y a une ancienne adresse sur mon compte", "bloqué après trop de tentatives"]
CORE["login_problem"]["de"] += ["in meinem Konto steht eine alte Adresse", "nach zu vielen Versuchen gesperrt"]
CORE["reset_help"]["de"] += ["der Link in Ihrer Mail funktioniert nicht mehr", "der Link ist nicht mehr gültig"]
CORE["order_other"]["es"] += ["el producto llegó incompleto", "quiero cambiar mi compra"]
CORE["order_other"]["fr"] += ["le produit est arrivé incomplet", "je veux échanger mon achat"]
CORE["order_other"]["de"] += ["der Artikel kam unvollständig an", "ich möchte meinen Kauf umtauschen"]
CLOSINGS["fr"] += ["Salutations distinguées", "Bien cordialement"]
CLOSINGS["es"] += ["Atentamente,\nJosé", "Un abrazo"]
CLOSINGS["de"] += ["Beste Grüße", "Schöne Grüße aus Köln"]
CLOSINGS["en"] += ["Best,\nSam", "Kind regards"]

# Fourth pass (issue 19, second session). The error analysis on the unseen-mail file (docs/classifier.md) showed the
# non-English banks were too thin: 6-10 phrasings per intent and language, so a reply that says "it works now" without
# a thank-you word, praise for an agent, or a sarcastic or threatening complaint outside English fell to the wrong
# intent. Written fresh for this pass (new words, not the unseen file's), weighted to the weak intents; each group
# covers a kind of message, not a single sentence.
_FOURTH = {
    "thanks": {
        "en": ["logged in fine this morning, nothing else needed", "that did the trick", "sorted now, you can close this",
               "the lady on the phone was a star", "appreciate the quick answer", "got in on the second try, all fine",
               "no need to reply, just letting you know it worked", "your agent Tom went above and beyond"],
        "es": ["ya funciona todo", "ya entré sin problema", "la persona que me atendió fue un encanto", "listo, ya pueden cerrar esto",
               "se resolvió solo, no hace falta responder", "funcionó a la primera", "les agradezco la rapidez", "muy buena atención de su equipo",
               "el cambio de clave salió bien", "todo perfecto por aquí"],
        "fr": ["ça marche maintenant", "je suis de nouveau connecté", "la personne au téléphone était adorable", "c'est réglé, vous pouvez clore",
               "pas besoin de répondre, tout fonctionne", "ça a marché du premier coup", "bravo à votre équipe pour la rapidité",
               "le changement de mot de passe s'est bien passé", "je tenais à saluer le travail de votre conseiller", "tout est bon de mon côté"],
        "de": ["jetzt klappt alles", "ich bin wieder drin", "der Herr am Telefon war sehr hilfsbereit", "hat sich erledigt, Sie können das schließen",
               "keine Antwort nötig, es läuft", "hat beim ersten Versuch funktioniert", "großes Lob an Ihr Team",
               "die Passwortänderung hat geklappt", "wollte mich nur für die schnelle Hilfe bedanken", "bei mir ist alles in Ordnung"],
    },
    "complaint": {
        "en": ["what a joke of a company", "you clearly don't care about your customers", "I'm filing a complaint with the attorney general",
               "bravo, another breach, fantastic work", "I want compensation for this mess"],
        "es": ["qué desastre de empresa", "está claro que los clientes les dan igual", "voy a poner una queja ante consumo",
               "bravo, otra filtración, excelente trabajo", "exijo una compensación", "nunca más compro con ustedes", "esto es una vergüenza total"],
        "fr": ["quelle entreprise lamentable", "visiblement vos clients vous importent peu", "je vais porter plainte auprès de la CNIL",
               "bravo, encore une fuite, du beau travail", "j'exige un dédommagement", "je n'achèterai plus jamais chez vous", "c'est scandaleux"],
        "de": ["was für ein Saftladen", "Ihre Kunden sind Ihnen offensichtlich egal", "ich werde mich bei der Verbraucherzentrale beschweren",
               "bravo, schon wieder ein Datenleck, tolle Arbeit", "ich verlange eine Entschädigung", "ich kaufe nie wieder bei Ihnen",
               "das ist eine Frechheit", "meine Rechtsschutzversicherung ist informiert", "tolle Leistung, wirklich spitze"],
    },
    "exposure_question": {
        "en": ["was my phone number part of it", "I only ever bought in the shop, am I affected", "how long were they inside your system",
               "did they get my home address"],
        "es": ["estaba mi teléfono entre los datos", "solo compro en la tienda física, me afecta", "cuánto tiempo estuvieron dentro",
               "se llevaron mi dirección", "por qué tardaron tanto en decirlo", "qué datos exactamente se filtraron"],
        "fr": ["mon numéro de téléphone faisait-il partie des données", "je n'achète qu'en boutique, suis-je concerné", "combien de temps sont-ils restés dans le système",
               "ont-ils eu mon adresse", "pourquoi avoir attendu plusieurs jours", "quelles données exactement ont fuité"],
        "de": ["war meine Telefonnummer dabei", "ich kaufe nur im Laden, bin ich betroffen", "wie lange waren die im System",
               "haben die meine Adresse", "warum haben Sie so lange gewartet", "welche Daten genau sind abgeflossen"],
    },
    "login_problem": {
        "en": ["my account still shows my old office email", "the security code goes to a phone I no longer have", "it says account disabled",
               "new password set but it keeps saying wrong password"],
        "es": ["mi cuenta tiene un correo viejo de la oficina", "el código de seguridad llega a un teléfono que ya no tengo", "dice cuenta desactivada",
               "ya cambié la contraseña pero dice que es incorrecta", "no me deja iniciar sesión", "la cuenta está bloqueada"],
        "fr": ["mon compte a encore mon ancienne adresse du bureau", "le code de sécurité part vers un téléphone que je n'ai plus", "il est écrit compte désactivé",
               "mot de passe changé mais il dit incorrect", "impossible d'ouvrir une session", "mon compte est verrouillé"],
        "de": ["im Konto steht noch meine alte Büroadresse", "der Sicherheitscode geht an ein Handy das ich nicht mehr habe", "da steht Konto deaktiviert",
               "neues Passwort gesetzt aber es heißt falsches Passwort", "ich komme nicht in mein Konto", "mein Konto ist gesperrt"],
    },
    "reset_help": {
        "es": ["el correo para restablecer nunca llega", "el enlace caducó antes de que lo abriera", "el botón de crear contraseña no hace nada"],
        "fr": ["le courriel de réinitialisation n'arrive jamais", "le lien a expiré avant que je l'ouvre", "le bouton créer un mot de passe ne fait rien"],
        "de": ["die Mail zum Zurücksetzen kommt nie an", "der Link war abgelaufen bevor ich ihn öffnen konnte", "der Knopf neues Passwort erstellen tut nichts"],
    },
    "intl_access": {
        "en": ["on the boat's satellite connection the site refuses me", "our company VPN gets blocked by your site"],
        "es": ["con la VPN del trabajo no carga la página", "desde España la web no abre", "con internet satelital el sitio me rechaza"],
        "fr": ["avec le VPN du travail la page ne charge pas", "depuis le Canada le site refuse", "avec internet par satellite le site me rejette"],
        "de": ["mit dem Firmen-VPN lädt die Seite nicht", "aus der Schweiz geht die Seite nicht auf", "über Satelliteninternet werde ich abgewiesen"],
    },
    "order_other": {
        "es": ["el hornillo llegó sin una pieza", "dónde está mi paquete", "quiero devolver las botas"],
        "fr": ["le réchaud est arrivé sans une pièce", "où est mon colis", "je veux retourner les chaussures"],
        "de": ["dem Zelt fehlten die Heringe", "wo bleibt mein Paket", "ich möchte die Stiefel zurückschicken"],
    },
    "card_safety": {
        "es": ["debo cancelar mi tarjeta", "apareció un cargo raro en mi tarjeta"],
        "fr": ["dois-je faire opposition sur ma carte", "un débit bizarre est apparu sur ma carte"],
        "de": ["muss ich meine Kreditkarte kündigen", "auf meiner Karte ist eine komische Abbuchung"],
    },
    "phishing_check": {
        "es": ["me llegó un SMS raro en su nombre", "es legítimo este correo"],
        "fr": ["j'ai reçu un SMS bizarre à votre nom", "ce courriel est-il légitime"],
        "de": ["ich habe eine komische SMS in Ihrem Namen bekommen", "ist diese Mail echt"],
    },
    "close_account": {
        "es": ["borren mi cuenta por favor", "ya no quiero recibir correos"],
        "fr": ["supprimez mon compte s'il vous plaît", "je ne veux plus recevoir de courriels"],
        "de": ["bitte löschen Sie mein Konto", "ich will keine Mails mehr bekommen"],
    },
    "identity_protection": {
        "es": ["ofrecen vigilancia de crédito", "cómo me inscribo en la protección de identidad"],
        "fr": ["proposez-vous une surveillance du crédit", "comment m'inscrire à la protection d'identité"],
        "de": ["bieten Sie eine Bonitätsüberwachung an", "wie melde ich mich für den Identitätsschutz an"],
    },
}
for _intent, _langs in _FOURTH.items():
    for _lang, _phrases in _langs.items():
        CORE[_intent][_lang].extend(_phrases)

OPENINGS["en"] += ["I'm 77 and my son set this up for me.", "So much going on this week, sorry for the late reply.",
                   "Back from a long road trip with the kids and found your message."]
OPENINGS["es"] += ["Tengo 81 años y me ayuda mi hijo.", "Volvimos de la playa y vi su mensaje.", "Perdón por escribir tarde.",
                   "Mi hija me dijo que les escribiera.", "Ustedes sabrán quién lee esto."]
OPENINGS["fr"] += ["J'ai 78 ans et ma fille m'aide.", "Nous rentrons d'un voyage en Bretagne.", "Désolé de répondre si tard.",
                   "Mon fils m'a dit de vous écrire.", "Peu importe qui lira ceci."]
OPENINGS["de"] += ["Ich bin 80 und meine Tochter hilft mir.", "Wir kommen gerade von einer Radtour zurück und ich sehe Ihre Nachricht.",
                   "Entschuldigung für die späte Antwort.", "Mein Sohn meinte ich soll Ihnen schreiben.", "Egal wer das hier liest."]
CLOSINGS["es"] += ["Saludos cordiales,\nMarta", "Cordialmente"]
CLOSINGS["fr"] += ["Bonne journée,\nMarc", "Amitiés"]
CLOSINGS["de"] += ["Gruß\nHeike", "Freundliche Grüße"]

# A thanks message often wraps its point in "I only wanted to let you know ...": the wrapper says nothing about the
# intent by itself, so it is composed around every thanks phrasing rather than written into a few of them.
FRAMES = {
    "thanks": {
        "en": ["only writing to say {}", "just letting you know: {}", "quick note, {}", "no question here, {}"],
        "es": ["solo escribo para decirles que {}", "nada más quería contarles: {}", "una nota rápida, {}", "no tengo preguntas, {}"],
        "fr": ["je vous écris simplement pour dire que {}", "petit mot pour vous signaler que {}", "juste un mot : {}", "aucune question, {}"],
        "de": ["ich möchte Ihnen nur mitteilen, {}", "nur kurz zur Info: {}", "kurze Rückmeldung, {}", "keine Frage, {}"],
    },
}

# Openings that praise the shop or tell a happy story before a request: warm words in an opening are not thanks (the
# error analysis found requests behind a cheerful story going to thanks), and "I've written before" lines in every
# language, for every intent.
OPENINGS["en"] += ["Love your rain jackets, we wear them all winter.", "The hiking boots I bought last spring are still perfect.",
                   "Your staff at the Portland store are always so helpful.", "We had a wonderful trip to the coast last week, the new tent was great.",
                   "This is the second time I'm writing.", "I already sent this once."]
OPENINGS["es"] += ["Me encantan sus chaquetas, las usamos todo el invierno.", "Las botas que compré siguen perfectas.",
                   "El personal de la tienda de Sevilla es muy amable.", "Tuvimos un viaje precioso a la sierra, la tienda de campaña aguantó todo.",
                   "Es la segunda vez que escribo.", "Ya mandé esto antes."]
OPENINGS["fr"] += ["J'adore vos vestes de pluie, nous les portons tout l'hiver.", "Les chaussures de randonnée achetées au printemps sont parfaites.",
                   "Le personnel du magasin de Lyon est toujours serviable.", "Superbe séjour dans les Alpes la semaine dernière, la tente a tenu bon.",
                   "C'est la deuxième fois que j'écris.", "J'ai déjà envoyé ce message."]
OPENINGS["de"] += ["Ich liebe Ihre Regenjacken, wir tragen sie den ganzen Winter.", "Die Wanderschuhe vom Frühjahr sind immer noch top.",
                   "Das Personal in der Filiale in Graz ist immer freundlich.", "Wir hatten eine herrliche Woche in den Bergen, das Zelt hat alles überstanden.",
                   "Ich schreibe schon zum zweiten Mal.", "Das habe ich schon einmal geschickt."]

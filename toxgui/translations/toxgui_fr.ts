<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AddFriend</name>
    <message>
        <location filename="../ui/dialogs/add_friend.py" line="+69"/>
        <source>Enter your friend&apos;s Tox ID: 76 hexadecimal characters.</source>
        <translation>Saisissez l’ID Tox de votre ami : 76 caractères hexadécimaux.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” at position %2 is not a hexadecimal character (only 0–9 and A–F).</source>
        <translation>« %1 » en position %2 n’est pas un caractère hexadécimal (seulement 0–9 et A–F).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This is a public key (64 characters), not a Tox ID: ask your friend for their full Tox ID (76 characters, with the nospam and checksum at the end).</source>
        <translation>Ceci est une clé publique (64 caractères), pas un ID Tox : demandez à votre ami son ID Tox complet (76 caractères, avec le nospam et la somme de contrôle à la fin).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The checksum does not match: a character was probably mistyped.</source>
        <translation>La somme de contrôle ne correspond pas : un caractère a probablement été mal saisi.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This Tox ID does not contain a valid public key.</source>
        <translation>Cet ID Tox ne contient pas de clé publique valide.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is your own Tox ID. Enter your friend&apos;s ID instead.</source>
        <translation>C’est votre propre ID Tox. Saisissez plutôt l’ID de votre ami.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is not a valid Tox ID.</source>
        <translation>Ce n’est pas un ID Tox valide.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You are already friends with this person.</source>
        <translation>Vous êtes déjà ami avec cette personne.</translation>
    </message>
</context>
<context>
    <name>AddFriendDialog</name>
    <message>
        <location line="+58"/>
        <source>Friends</source>
        <translation>Amis</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add a friend</source>
        <translation>Ajouter un ami</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>My Tox ID</source>
        <translation>Mon ID Tox</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>76 hexadecimal characters, or a tox: link</source>
        <translation>76 caractères hexadécimaux, ou un lien tox:</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+21"/>
        <source>Your friend&apos;s Tox ID</source>
        <translation>ID Tox de votre ami</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>a Tox user</source>
        <translation>un utilisateur de Tox</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hi! This is %1. Let&apos;s talk on Tox.</source>
        <translation>Bonjour ! C’est %1. Discutons sur Tox.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+17"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Send friend request</source>
        <translation>Envoyer la demande d’ami</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>You are already friends with %1.</source>
        <translation>Vous êtes déjà ami avec %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You are already friends with this person.</source>
        <translation>Vous êtes déjà ami avec cette personne.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The message cannot be empty.</source>
        <translation>Le message ne peut pas être vide.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The message is too long: %1 of at most %2 bytes.</source>
        <translation>Le message est trop long : %1 octets sur %2 au plus.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Enter your friend&apos;s Tox ID: 76 hexadecimal characters.</source>
        <translation>Saisissez l’ID Tox de votre ami : 76 caractères hexadécimaux.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This Tox ID is valid.</source>
        <translation>Cet ID Tox est valide.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 of %2 bytes</source>
        <translation>%1 sur %2 octets</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Friend request sent to %1.</source>
        <translation>Demande d’ami envoyée à %1.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Friend requests</source>
        <translation>Demandes d’ami</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Accept</source>
        <translation>Accepter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decline</source>
        <translation>Refuser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No friend requests right now.
When someone adds you, their request shows up here.</source>
        <translation>Aucune demande d’ami pour le moment.
Quand quelqu’un vous ajoute, sa demande apparaît ici.</translation>
    </message>
    <message numerus="yes">
        <location line="+34"/>
        <source>Requests (%n)</source>
        <translation>
            <numerusform>Demandes (%n)</numerusform>
            <numerusform>Demandes (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Requests</source>
        <translation>Demandes</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>From %1:
%2</source>
        <translation>De %1 :
%2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Give this ID to friends so they can add you. It is safe to share.</source>
        <translation>Donnez cet ID à vos amis pour qu’ils puissent vous ajouter. Vous pouvez le partager sans risque.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copy ID</source>
        <translation>Copier l’ID</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save QR code…</source>
        <translation>Enregistrer le code QR…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the QR code as a PNG image</source>
        <translation>Enregistrer le code QR en image PNG</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New Tox ID…</source>
        <translation>Nouvel ID Tox…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make a new Tox ID</source>
        <translation>Créer un nouvel ID Tox</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Friend requests sent to the current ID stop arriving</source>
        <translation>Les demandes d’ami envoyées à l’ID actuel n’arriveront plus</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+15"/>
        <source>Save QR code</source>
        <translation>Enregistrer le code QR</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>QR code saved.</source>
        <translation>Code QR enregistré.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The QR code could not be saved to %1: %2</source>
        <translation>Le code QR n’a pas pu être enregistré dans %1 : %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>New Tox ID</source>
        <translation>Nouvel ID Tox</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Make a new Tox ID?</source>
        <translation>Créer un nouvel ID Tox ?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Friend requests sent to your current ID will no longer arrive, so nobody can add you with it any more. Friends you already have stay your friends. Give the new ID to people who have not added you yet.</source>
        <translation>Les demandes d’ami envoyées à votre ID actuel n’arriveront plus : personne ne pourra plus vous ajouter avec. Vos amis actuels le restent. Donnez le nouvel ID aux personnes qui ne vous ont pas encore ajouté.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Make a new ID</source>
        <translation>Créer un nouvel ID</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>New Tox ID made. The old one no longer works.</source>
        <translation>Nouvel ID Tox créé. L’ancien ne fonctionne plus.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Copied to the clipboard.</source>
        <translation>Copié dans le presse-papiers.</translation>
    </message>
</context>
<context>
    <name>Chat</name>
    <message>
        <location filename="../models/chat.py" line="+38"/>
        <location filename="../models/conferences.py" line="+163"/>
        <source>⚠ This message could not be read (damaged or altered).</source>
        <translation>⚠ Ce message n’a pas pu être lu (endommagé ou modifié).</translation>
    </message>
</context>
<context>
    <name>ChatExport</name>
    <message>
        <location filename="../models/chat_export.py" line="+31"/>
        <source>(this message could not be read)</source>
        <translation>(ce message n’a pas pu être lu)</translation>
    </message>
</context>
<context>
    <name>ChatHeader</name>
    <message>
        <location filename="../ui/main_window.py" line="+311"/>
        <location line="+1"/>
        <source>Connection dashboard</source>
        <translation>Tableau de connexion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shows each step of the connection to this friend</source>
        <translation>Montre chaque étape de la connexion à cet ami</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Search in this chat</source>
        <translation>Rechercher dans cette conversation</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>More</source>
        <translation>Plus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More actions</source>
        <translation>Autres actions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy public key</source>
        <translation>Copier la clé publique</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export history…</source>
        <translation>Exporter l’historique…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear history…</source>
        <translation>Effacer l’historique…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove friend…</source>
        <translation>Retirer l’ami…</translation>
    </message>
</context>
<context>
    <name>ChatSearchBar</name>
    <message>
        <location filename="../ui/chat_search.py" line="+30"/>
        <location line="+1"/>
        <source>Search in this chat</source>
        <translation>Rechercher dans cette conversation</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Newer result (Shift+Enter)</source>
        <translation>Résultat plus récent (Maj+Entrée)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Older result (Enter)</source>
        <translation>Résultat plus ancien (Entrée)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the search (Esc)</source>
        <translation>Fermer la recherche (Échap)</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>No match</source>
        <translation>Aucun résultat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <location filename="../ui/chat_view.py" line="+98"/>
        <source>Today</source>
        <translation>Aujourd’hui</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Yesterday</source>
        <translation>Hier</translation>
    </message>
    <message>
        <location line="+310"/>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>No messages yet. Say hello to %1!</source>
        <translation>Pas encore de messages. Dites bonjour à %1 !</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Queued: will be sent when %1 is online</source>
        <translation>En attente : sera envoyé quand %1 sera en ligne</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sent, not yet confirmed by %1</source>
        <translation>Envoyé, pas encore confirmé par %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivered</source>
        <translation>Remis</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Select text</source>
        <translation>Sélectionner du texte</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Message text</source>
        <translation>Texte du message</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy selection</source>
        <translation>Copier la sélection</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select text…</source>
        <translation>Sélectionner du texte…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open link</source>
        <translation>Ouvrir le lien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy link</source>
        <translation>Copier le lien</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location line="+50"/>
        <source>Write a message…</source>
        <translation>Écrire un message…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Entrée envoie, Maj+Entrée commence une nouvelle ligne</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Send (Enter)</source>
        <translation>Envoyer (Entrée)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+1"/>
        <source>Send a file</source>
        <translation>Envoyer un fichier</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source>Insert an emoji</source>
        <translation>Insérer un émoji</translation>
    </message>
    <message numerus="yes">
        <location line="+72"/>
        <source>Long message: it will be sent as %n messages.</source>
        <translation>
            <numerusform>Message long : il sera envoyé en %n message.</numerusform>
            <numerusform>Message long : il sera envoyé en %n messages.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConferenceList</name>
    <message>
        <location filename="../ui/conferences.py" line="+75"/>
        <source>Group chats</source>
        <translation>Discussions de groupe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each group chat with its unread messages</source>
        <translation>Chaque discussion de groupe avec ses messages non lus</translation>
    </message>
</context>
<context>
    <name>ConferencePage</name>
    <message>
        <location line="+72"/>
        <source>Invite…</source>
        <translation>Inviter…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Invite a friend to this group chat</source>
        <translation>Inviter un ami dans cette discussion de groupe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title…</source>
        <translation>Titre…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set the group chat&apos;s title</source>
        <translation>Définir le titre de la discussion de groupe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Links</source>
        <translation>Liens</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show how we are connected to each member</source>
        <translation>Montrer comment nous sommes reliés à chaque membre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave…</source>
        <translation>Quitter…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Leave this group chat</source>
        <translation>Quitter cette discussion de groupe</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Members</source>
        <translation>Membres</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How we are connected to each member</source>
        <translation>Comment nous sommes reliés à chaque membre</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>joining…</source>
        <translation>connexion au groupe…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 connected directly</source>
        <translation>%1 connecté(s) directement</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Messages in %1</source>
        <translation>Messages dans %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>you</source>
        <translation>vous</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>direct</source>
        <translation>direct</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>through others</source>
        <translation>par d&apos;autres</translation>
    </message>
</context>
<context>
    <name>Conferences</name>
    <message>
        <location filename="../models/conferences.py" line="-102"/>
        <source>Group chat %1</source>
        <translation>Discussion de groupe %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Group chat %1, %2</source>
        <translation>Discussion de groupe %1, %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, joining</source>
        <translation>, connexion en cours</translation>
    </message>
    <message>
        <location line="+188"/>
        <source>%1 invites you to a group chat</source>
        <translation>%1 vous invite dans une discussion de groupe</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Joining: waiting for the member who invited us to send the peer list.</source>
        <translation>Connexion : en attente de la liste des membres, envoyée par le membre qui nous a invités.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>one of the members closest to us by key</source>
        <translation>un des membres les plus proches de nous par la clé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>we introduced them</source>
        <translation>nous l&apos;avons présenté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>they introduced us</source>
        <translation>il nous a présentés</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: connected to us directly over %3 (%2).</source>
        <translation>%1 : relié à nous directement par %3 (%2).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: connected to us directly (%2).</source>
        <translation>%1 : relié à nous directement (%2).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: a direct link is being set up (%2); until then messages come through others.</source>
        <translation>%1 : un lien direct est en cours d&apos;établissement (%2) ; en attendant, les messages passent par d&apos;autres.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: reached through other members; we keep direct links only to the members closest to us by key and to those who introduced us.</source>
        <translation>%1 : joint par d&apos;autres membres ; nous ne gardons des liens directs qu&apos;avec les membres les plus proches de nous par la clé et avec ceux qui nous ont présentés.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: silent for a while (frozen); back with their next message.</source>
        <translation>%1 : silencieux depuis un moment (gelé) ; de retour à son prochain message.</translation>
    </message>
</context>
<context>
    <name>ContactDelegate</name>
    <message>
        <location filename="../ui/contact_delegate.py" line="+105"/>
        <source>typing…</source>
        <translation>écrit…</translation>
    </message>
</context>
<context>
    <name>Contacts</name>
    <message>
        <location filename="../models/contacts.py" line="+133"/>
        <source>%1: connected over %2</source>
        <translation>%1 : connecté via %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2, connected over %3</source>
        <translation>%1 : %2, connecté via %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: offline, step %2 of %3: %4</source>
        <translation>%1 : hors ligne, étape %2 sur %3 : %4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, typing</source>
        <translation>, écrit</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <location filename="../models/plurals.py" line="+16"/>
        <source>%n unread message(s)</source>
        <translation>
            <numerusform>%n message non lu</numerusform>
            <numerusform>%n messages non lus</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n s ago</source>
        <translation>
            <numerusform>il y a %n s</numerusform>
            <numerusform>il y a %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>il y a %n min</numerusform>
            <numerusform>il y a %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n h ago</source>
        <translation>
            <numerusform>il y a %n h</numerusform>
            <numerusform>il y a %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>il y a %n jour</numerusform>
            <numerusform>il y a %n jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n peer(s)</source>
        <translation>
            <numerusform>%n membre</numerusform>
            <numerusform>%n membres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Too short: a Tox ID has 76 characters, this has %n.</source>
        <translation>
            <numerusform>Trop court : un ID Tox a 76 caractères, celui-ci en a %n.</numerusform>
            <numerusform>Trop court : un ID Tox a 76 caractères, celui-ci en a %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Too long: a Tox ID has 76 characters, this has %n.</source>
        <translation>
            <numerusform>Trop long : un ID Tox a 76 caractères, celui-ci en a %n.</numerusform>
            <numerusform>Trop long : un ID Tox a 76 caractères, celui-ci en a %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Looking for %1&apos;s current DHT key on the onion: asked %n node(s), %2.</source>
        <translation>
            <numerusform>Recherche de la clé DHT actuelle de %1 sur l’onion : %n nœud interrogé, %2.</numerusform>
            <numerusform>Recherche de la clé DHT actuelle de %1 sur l’onion : %n nœuds interrogés, %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../models/contacts.py" line="-57"/>
        <location filename="../models/dashboard.py" line="+183"/>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>just now</source>
        <translation>à l’instant</translation>
    </message>
    <message>
        <location filename="../models/dashboard.py" line="-133"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>now</source>
        <translation>maintenant</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>searching now</source>
        <translation>recherche en cours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retrying now</source>
        <translation>nouvel essai en cours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>trying now</source>
        <translation>essai en cours</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>next search in %1</source>
        <translation>prochaine recherche dans %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>next retry in %1</source>
        <translation>prochain essai dans %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>next try in %1</source>
        <translation>prochain essai dans %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1: connected in %2; lost %3</source>
        <translation>%1 : connecté en %2 ; perdu %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: connected in %2</source>
        <translation>%1 : connecté en %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: timed out at “%3” after %2</source>
        <translation>%1 : délai dépassé à « %3 » après %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: replaced at “%3” after %2 (the friend has a new DHT key)</source>
        <translation>%1 : remplacé à « %3 » après %2 (le contact a une nouvelle clé DHT)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: under way for %2, at “%3”</source>
        <translation>%1 : en cours depuis %2, à « %3 »</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A friend&apos;s DHT key changes every session; it is looked up through the onion.</source>
        <translation>La clé DHT d’un ami change à chaque session ; elle est recherchée via l’onion.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>DHT nodes close to that key are asked for the friend&apos;s IP address.</source>
        <translation>Les nœuds DHT proches de cette clé sont interrogés sur l’adresse IP de l’ami.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A cookie request proves the address is real before the handshake.</source>
        <translation>Une demande de cookie prouve que l’adresse est réelle avant la poignée de main.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Handshake packets set up the encrypted session.</source>
        <translation>Les paquets de poignée de main établissent la session chiffrée.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The first encrypted packet confirms the session.</source>
        <translation>Le premier paquet chiffré confirme la session.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messages travel directly over the encrypted connection.</source>
        <translation>Les messages passent directement par la connexion chiffrée.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>an unknown address</source>
        <translation>une adresse inconnue</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Waiting for onion paths through the DHT before searching for %1.</source>
        <translation>Attente de chemins onion à travers le DHT avant de chercher %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 seems to be offline: %2 onion searches found no node that %1 announced to. Last seen: %3; %4.</source>
        <translation>%1 semble hors ligne : %2 recherches onion n’ont trouvé aucun nœud auprès duquel %1 s’est annoncé. Vu pour la dernière fois : %3 ; %4.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Looking for %1&apos;s current DHT key on the onion: %2.</source>
        <translation>Recherche de la clé DHT actuelle de %1 sur l’onion : %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>via the onion</source>
        <translation>via l’onion</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>via the DHT</source>
        <translation>via le DHT</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Found %1&apos;s DHT key %2 (%3). Asking DHT nodes for the address: attempt %4, %5.</source>
        <translation>Clé DHT de %1 trouvée : %2 (%3). Demande de l’adresse aux nœuds DHT : essai %4, %5.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 is at %2. Asking for a cookie to start the handshake: attempt %3, %4.</source>
        <translation>%1 est à %2. Demande d’un cookie pour commencer la poignée de main : essai %3, %4.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Got a cookie from %2. Handshake sent, waiting for %1&apos;s: attempt %3, %4.</source>
        <translation>Cookie reçu de %2. Poignée de main envoyée, attente de celle de %1 : essai %3, %4.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Handshakes exchanged with %2. Waiting for the first encrypted packet from %1.</source>
        <translation>Poignées de main échangées avec %2. Attente du premier paquet chiffré de %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connected to %1 through the TCP relay %2 (no direct UDP path). Last packet %3.</source>
        <translation>Connecté à %1 via le relais TCP %2 (pas de chemin UDP direct). Dernier paquet %3.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>an unknown transport</source>
        <translation>un transport inconnu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connected to %1 over %2 at %3. Last packet %4.</source>
        <translation>Connecté à %1 via %2 à %3. Dernier paquet %4.</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+37"/>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>%1 connected, %2 ms</source>
        <translation>%1 connecté, %2 ms</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 down (%2)</source>
        <translation>%1 hors service (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 connecting</source>
        <translation>%1 connexion en cours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 connected</source>
        <translation>%1 sur %2 connectés</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>UDP direct</source>
        <translation>UDP direct</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>TCP relay</source>
        <translation>Relais TCP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TCP via relay %1</source>
        <translation>TCP via le relais %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (relay answers in %1 ms)</source>
        <translation> (le relais répond en %1 ms)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>linked to the friend</source>
        <translation>relié au contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>waiting for the friend to come to this relay</source>
        <translation>attend que le contact vienne sur ce relais</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>asked the relay</source>
        <translation>relais sollicité</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: we are not connected to it</source>
        <translation>%1 : nous n&apos;y sommes pas connectés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>TCP only (UDP is off): no TCP relay is connected, so nobody can reach us yet.</source>
        <translation>TCP seul (UDP désactivé) : aucun relais TCP connecté, personne ne peut encore nous joindre.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TCP only (UDP is off): TCP relays connected: %1; announcing ourselves on the onion through them…</source>
        <translation>TCP seul (UDP désactivé) : relais TCP connectés : %1 ; annonce sur le réseau onion à travers eux…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TCP only (UDP is off): online through our TCP relays (%1 connected), and friends can find us on the onion.</source>
        <translation>TCP seul (UDP désactivé) : en ligne via nos relais TCP (%1 connectés), et les contacts peuvent nous trouver sur le réseau onion.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not connected to the Tox network yet: no DHT node has answered.</source>
        <translation>Pas encore connecté au réseau Tox : aucun nœud DHT n’a répondu.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connected to %1 DHT nodes; announcing ourselves on the onion…</source>
        <translation>Connecté à %1 nœuds DHT ; annonce de notre présence sur l’onion…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Online: %1 of %2 DHT nodes answer, and friends can find us on the onion.</source>
        <translation>En ligne : %1 nœuds DHT sur %2 répondent, et les amis peuvent nous trouver sur l’onion.</translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <location filename="../ui/dashboard.py" line="+256"/>
        <location line="+107"/>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <location line="-102"/>
        <location line="+1"/>
        <source>Hide the connection dashboard</source>
        <translation>Masquer le tableau de connexion</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>DHT key</source>
        <translation>Clé DHT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transport</source>
        <translation>Transport</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last packet</source>
        <translation>Dernier paquet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Onion search</source>
        <translation>Recherche onion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last seen</source>
        <translation>Vu pour la dernière fois</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relays</source>
        <translation>Relais</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>DHT nodes</source>
        <translation>Nœuds DHT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Onion paths</source>
        <translation>Chemins onion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Announced</source>
        <translation>Annoncé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UDP port</source>
        <translation>Port UDP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TCP relays</source>
        <translation>Relais TCP</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Stages</source>
        <translation>Étapes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recent attempts</source>
        <translation>Tentatives récentes</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Recent connection attempts</source>
        <translation>Tentatives de connexion récentes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Our network</source>
        <translation>Notre réseau</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connection details</source>
        <translation>Détails de la connexion</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Connection to %1</source>
        <translation>Connexion à %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>via onion</source>
        <translation>via onion</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>via DHT</source>
        <translation>via DHT</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+6"/>
        <source>not known yet</source>
        <translation>pas encore connue</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>fresh</source>
        <translation>récente</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>stale</source>
        <translation>périmée</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>off (TCP only)</source>
        <translation>désactivé (TCP seul)</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>online now</source>
        <translation>en ligne maintenant</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not needed while connected</source>
        <translation>inutile pendant la connexion</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 nodes report %3 announced, %2 searches; %4</source>
        <translation>%1 nœuds signalent %3 annoncé, %2 recherches ; %4</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No connection attempt seen yet.</source>
        <translation>Aucune tentative de connexion vue pour l’instant.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 known, %2 good</source>
        <translation>%1 connus, %2 bons</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not yet</source>
        <translation>pas encore</translation>
    </message>
</context>
<context>
    <name>EditableLabel</name>
    <message>
        <location filename="../ui/main_window.py" line="-239"/>
        <source>Double-click, or press Enter, to edit</source>
        <translation>Double-cliquez, ou appuyez sur Entrée, pour modifier</translation>
    </message>
</context>
<context>
    <name>EmojiPicker</name>
    <message>
        <location filename="../ui/emoji.py" line="+33"/>
        <source>Emoji</source>
        <translation>Émoji</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arrow keys choose, Enter inserts, Escape closes</source>
        <translation>Les flèches choisissent, Entrée insère, Échap ferme</translation>
    </message>
</context>
<context>
    <name>InviteBox</name>
    <message>
        <location filename="../ui/conferences.py" line="-132"/>
        <location line="+12"/>
        <source>Group chat invites</source>
        <translation>Invitations à des discussions de groupe</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Join</source>
        <translation>Rejoindre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Join the group chat</source>
        <translation>Rejoindre la discussion de groupe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decline</source>
        <translation>Refuser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decline the invite</source>
        <translation>Refuser l&apos;invitation</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="+316"/>
        <location line="+2"/>
        <location line="+221"/>
        <source>Search contacts</source>
        <translation>Rechercher des contacts</translation>
    </message>
    <message>
        <location line="-216"/>
        <source>Friends</source>
        <translation>Amis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each friend with their connection state</source>
        <translation>Chaque ami avec l’état de sa connexion</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+497"/>
        <source>No friends yet.
Add one with their Tox ID.</source>
        <translation>Pas encore d’amis.
Ajoutez-en un avec son ID Tox.</translation>
    </message>
    <message>
        <location line="-490"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+198"/>
        <location line="+72"/>
        <source>Add a friend</source>
        <translation>Ajouter un ami</translation>
    </message>
    <message>
        <location line="-269"/>
        <source>Requests</source>
        <translation>Demandes</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+506"/>
        <source>Friend requests</source>
        <translation>Demandes d’ami</translation>
    </message>
    <message>
        <location line="-505"/>
        <source>My ID</source>
        <translation>Mon ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>My Tox ID and QR code</source>
        <translation>Mon ID Tox et son code QR</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+201"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location line="-181"/>
        <source>Group chats</source>
        <translation>Discussions de groupe</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New group chat…</source>
        <translation>Nouvelle discussion de groupe…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+673"/>
        <location line="+9"/>
        <source>New group chat</source>
        <translation>Nouvelle discussion de groupe</translation>
    </message>
    <message>
        <location line="-681"/>
        <source>Create a group chat and invite friends to it</source>
        <translation>Créer une discussion de groupe et y inviter des amis</translation>
    </message>
    <message>
        <location line="+170"/>
        <source>Search in this chat</source>
        <translation>Rechercher dans cette conversation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next chat</source>
        <translation>Conversation suivante</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous chat</source>
        <translation>Conversation précédente</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+626"/>
        <source>Connection dashboard</source>
        <translation>Tableau de connexion</translation>
    </message>
    <message>
        <location line="-624"/>
        <source>Edit your name</source>
        <translation>Modifier votre nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Pick a friend on the left to start chatting,
or add a friend with their Tox ID.</source>
        <translation>Choisissez un ami à gauche pour discuter,
ou ajoutez un ami avec son ID Tox.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show my Tox ID</source>
        <translation>Afficher mon ID Tox</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Note: %1</source>
        <translation>Note : %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Messages with %1</source>
        <translation>Messages avec %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is typing…</source>
        <translation>%1 écrit…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is offline: messages wait here and go out when %1 is back.</source>
        <translation>%1 est hors ligne : les messages attendent ici et partent quand %1 revient.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Send files</source>
        <translation>Envoyer des fichiers</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 was not sent: %2</source>
        <translation>%1 n’a pas été envoyé : %2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The pasted picture could not be saved.</source>
        <translation>L’image collée n’a pas pu être enregistrée.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Accept files automatically</source>
        <translation>Accepter les fichiers automatiquement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept files from this friend up to this size without asking, in MB (0: always ask):</source>
        <translation>Accepter sans demander les fichiers de cet ami jusqu’à cette taille, en Mo (0 : toujours demander) :</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>No friend matches “%1”.</source>
        <translation>Aucun ami ne correspond à « %1 ».</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Welcome, %1</source>
        <translation>Bienvenue, %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Welcome</source>
        <translation>Bienvenue</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n friend request(s) waiting</source>
        <translation>
            <numerusform>%n demande d’ami en attente</numerusform>
            <numerusform>%n demandes d’ami en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n group chat invite(s) waiting</source>
        <translation>
            <numerusform>%n invitation à une discussion de groupe en attente</numerusform>
            <numerusform>%n invitations à des discussions de groupe en attente</numerusform>
        </translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Plain text (*.txt)</source>
        <translation>Texte brut (*.txt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export the chat with %1</source>
        <translation>Exporter la discussion avec %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Export failed</source>
        <translation>Échec de l’exportation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chat could not be saved to %1: %2</source>
        <translation>La discussion n’a pas pu être enregistrée dans %1 : %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chat with %1 saved to %2</source>
        <translation>Discussion avec %1 enregistrée dans %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+4"/>
        <source>Clear history</source>
        <translation>Effacer l’historique</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Delete the whole chat with %1 from this computer?</source>
        <translation>Supprimer toute la discussion avec %1 de cet ordinateur ?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This cannot be undone; export the chat first to keep a copy. Messages still waiting to be sent are kept.</source>
        <translation>Cette action est irréversible ; exportez d’abord la discussion pour en garder une copie. Les messages en attente d’envoi sont conservés.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Remove friend</source>
        <translation>Retirer l’ami</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove %1 from your friends?</source>
        <translation>Retirer %1 de vos amis ?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You can add each other again later. Your chat history is kept.</source>
        <translation>Vous pourrez vous ajouter à nouveau plus tard. L’historique de la conversation est conservé.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location line="+74"/>
        <location line="+25"/>
        <source>Title of the group chat:</source>
        <translation>Titre de la discussion de groupe :</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+9"/>
        <source>Group chat title</source>
        <translation>Titre de la discussion de groupe</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No friend is online</source>
        <translation>Aucun ami n&apos;est en ligne</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Invite to group chat</source>
        <translation>Inviter dans la discussion de groupe</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Leave group chat</source>
        <translation>Quitter la discussion de groupe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Leave %1?</source>
        <translation>Quitter %1 ?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You can only come back when a member invites you again. The messages so far are kept.</source>
        <translation>Vous ne pourrez revenir que si un membre vous invite à nouveau. Les messages échangés sont conservés.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Set the title…</source>
        <translation>Définir le titre…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave group chat…</source>
        <translation>Quitter la discussion de groupe…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Join group chat</source>
        <translation>Rejoindre la discussion de groupe</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Copy public key</source>
        <translation>Copier la clé publique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set a nickname…</source>
        <translation>Définir un surnom…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note…</source>
        <translation>Note…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mute notifications</source>
        <translation>Désactiver les notifications</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Accept files automatically…</source>
        <translation>Accepter les fichiers automatiquement…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Invite to group</source>
        <translation>Inviter dans un groupe</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove friend…</source>
        <translation>Retirer l’ami…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Open link</source>
        <translation>Ouvrir le lien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This link opens another program. Open it?</source>
        <translation>Ce lien ouvre un autre programme. L’ouvrir ?</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Nickname</source>
        <translation>Surnom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A nickname only you see, shown instead of “%1” (leave empty for their own name):</source>
        <translation>Un surnom que vous seul voyez, affiché à la place de « %1 » (laissez vide pour son propre nom) :</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A note about %1 that only you see:</source>
        <translation>Une note sur %1 que toi seul vois :</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Friend request from %1</source>
        <translation>Demande d’ami de %1</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../ui/dialogs/password.py" line="+42"/>
        <source>Profile password</source>
        <translation>Mot de passe du profil</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The password encrypts this profile, its chat history and its queued messages on this computer.</source>
        <translation>Le mot de passe chiffre ce profil, son historique et ses messages en attente sur cet ordinateur.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This profile is stored unencrypted. A password encrypts the profile, its chat history and its queued messages on this computer.</source>
        <translation>Ce profil est enregistré sans chiffrement. Un mot de passe chiffre le profil, son historique et ses messages en attente sur cet ordinateur.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+20"/>
        <source>Current password</source>
        <translation>Mot de passe actuel</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+20"/>
        <source>New password</source>
        <translation>Nouveau mot de passe</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Repeat the new password</source>
        <translation>Répéter le nouveau mot de passe</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Repeat</source>
        <translation>Répéter</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change password</source>
        <translation>Changer le mot de passe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set password</source>
        <translation>Définir le mot de passe</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove password</source>
        <translation>Supprimer le mot de passe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Store the profile and its history unencrypted</source>
        <translation>Enregistrer le profil et son historique sans chiffrement</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Enter the new password (or use Remove password).</source>
        <translation>Saisissez le nouveau mot de passe (ou choisissez « Supprimer le mot de passe »).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The two new passwords differ.</source>
        <translation>Les deux nouveaux mots de passe diffèrent.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Re-encrypting…</source>
        <translation>Nouveau chiffrement…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Removing the password…</source>
        <translation>Suppression du mot de passe…</translation>
    </message>
</context>
<context>
    <name>Presence</name>
    <message>
        <location filename="../models/contacts.py" line="+13"/>
        <source>Never seen online</source>
        <translation>Jamais vu en ligne</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last seen %1</source>
        <translation>Vu pour la dernière fois %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Away</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Busy</source>
        <translation>Occupé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
</context>
<context>
    <name>ProfileChooser</name>
    <message>
        <location filename="../ui/dialogs/profile_chooser.py" line="+130"/>
        <source>No password: the profile and history are stored unencrypted.</source>
        <translation>Pas de mot de passe : le profil et l’historique sont enregistrés sans chiffrement.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Weak password</source>
        <translation>Mot de passe faible</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fair password</source>
        <translation>Mot de passe moyen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strong password</source>
        <translation>Mot de passe fort</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>toxgui: choose a profile</source>
        <translation>toxgui : choisir un profil</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Private messaging,
no servers in between.</source>
        <translation>Messagerie privée,
sans serveur entre vous.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New profile</source>
        <translation>Nouveau profil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open profile</source>
        <translation>Ouvrir un profil</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Create a new profile</source>
        <translation>Créer un nouveau profil</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The name your friends see</source>
        <translation>Le nom que vos amis voient</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Optional</source>
        <translation>Facultatif</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Create profile</source>
        <translation>Créer le profil</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+32"/>
        <location line="+1"/>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Confirm</source>
        <translation>Confirmer</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Open a profile</source>
        <translation>Ouvrir un profil</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Profiles</source>
        <translation>Profils</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profiles in %1</source>
        <translation>Profils dans %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There are no profiles in this folder yet.
Create one with “New profile”, or put a .tox profile from another Tox client here.</source>
        <translation>Il n’y a pas encore de profil dans ce dossier.
Créez-en un avec « Nouveau profil », ou placez ici un profil .tox d’un autre client Tox.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Rename…</source>
        <translation>Renommer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename the selected profile</source>
        <translation>Renommer le profil choisi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected profile</source>
        <translation>Supprimer le profil choisi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save a copy of the selected profile</source>
        <translation>Enregistrer une copie du profil choisi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import…</source>
        <translation>Importer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a profile file from elsewhere</source>
        <translation>Ajouter un fichier de profil venant d’ailleurs</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>password protected</source>
        <translation>protégé par mot de passe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no password</source>
        <translation>sans mot de passe</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Rename profile</source>
        <translation>Renommer le profil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New name for %1:</source>
        <translation>Nouveau nom pour %1 :</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter a name.</source>
        <translation>Saisissez un nom.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Delete profile</source>
        <translation>Supprimer le profil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the profile %1 and its chat history?</source>
        <translation>Supprimer le profil %1 et son historique ?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your Tox ID, your friends and your messages in this profile are gone for good. Export the profile first to keep a copy.</source>
        <translation>Votre ID Tox, vos amis et vos messages de ce profil seront perdus pour de bon. Exportez d’abord le profil pour en garder une copie.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export profile</source>
        <translation>Exporter le profil</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tox profile (*.tox)</source>
        <translation>Profil Tox (*.tox)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Saved a copy to %1.</source>
        <translation>Copie enregistrée dans %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import profile</source>
        <translation>Importer un profil</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tox profile (*.tox);;All files (*)</source>
        <translation>Profil Tox (*.tox);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Enter a name for the profile.</source>
        <translation>Saisissez un nom pour le profil.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The passwords do not match.</source>
        <translation>Les mots de passe ne correspondent pas.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A profile called “%1” exists already; open it or choose another name.</source>
        <translation>Un profil nommé « %1 » existe déjà ; ouvrez-le ou choisissez un autre nom.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Creating your profile…</source>
        <translation>Création de votre profil…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This profile is password protected: enter its password.</source>
        <translation>Ce profil est protégé par un mot de passe : saisissez-le.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Opening %1…</source>
        <translation>Ouverture de %1…</translation>
    </message>
</context>
<context>
    <name>Profiles</name>
    <message>
        <location filename="../models/profiles.py" line="+30"/>
        <source>Wrong password. Check it (capital letters count) and try again.</source>
        <translation>Mot de passe incorrect. Vérifiez-le (les majuscules comptent) et réessayez.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This profile is password protected: enter its password.</source>
        <translation>Ce profil est protégé par un mot de passe : saisissez-le.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This profile is already open in another program (%1).</source>
        <translation>Ce profil est déjà ouvert dans un autre programme (%1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This file cannot be opened: it is damaged or it is not a Tox profile.</source>
        <translation>Ce fichier ne peut pas être ouvert : il est endommagé ou ce n’est pas un profil Tox.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The chat history next to this profile cannot be opened: %1</source>
        <translation>L’historique des conversations à côté de ce profil ne peut pas être ouvert : %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file cannot be read: %1</source>
        <translation>Le fichier ne peut pas être lu : %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>A profile with that name is already there.</source>
        <translation>Un profil de ce nom existe déjà à cet endroit.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This file is not a Tox profile.</source>
        <translation>Ce fichier n’est pas un profil Tox.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file cannot be read or written: %1</source>
        <translation>Le fichier ne peut pas être lu ou écrit : %1</translation>
    </message>
</context>
<context>
    <name>SelfHeader</name>
    <message>
        <location filename="../ui/main_window.py" line="-1194"/>
        <source>Your picture</source>
        <translation>Votre image</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set a status message</source>
        <translation>Définir un message d’état</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose online, away or busy</source>
        <translation>Choisir en ligne, absent ou occupé</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Show the connection dashboard</source>
        <translation>Afficher le tableau de connexion</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Your identicon, derived from your public key</source>
        <translation>Votre identicon, dérivé de votre clé publique</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your picture: click to change it</source>
        <translation>Votre image : cliquez pour la changer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your identicon: click to choose a picture</source>
        <translation>Votre identicon : cliquez pour choisir une image</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a picture…</source>
        <translation>Choisir une image…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the picture</source>
        <translation>Retirer l’image</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a picture</source>
        <translation>Choisir une image</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Picture not set</source>
        <translation>Image non définie</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unnamed</source>
        <translation>Sans nom</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your status: %1</source>
        <translation>Votre état : %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your name: %1</source>
        <translation>Votre nom : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your status message: %1</source>
        <translation>Votre message d’état : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network status</source>
        <translation>État du réseau</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>● Connecting to the Tox network…</source>
        <translation>● Connexion au réseau Tox…</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>● Online · %n DHT node(s)</source>
        <translation>
            <numerusform>● En ligne · %n nœud DHT</numerusform>
            <numerusform>● En ligne · %n nœuds DHT</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>● Announcing · %n DHT node(s)</source>
        <translation>
            <numerusform>● Annonce · %n nœud DHT</numerusform>
            <numerusform>● Annonce · %n nœuds DHT</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../ui/dialogs/settings.py" line="+41"/>
        <source>Cannot read the file: %1</source>
        <translation>Impossible de lire le fichier : %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file is not valid JSON.</source>
        <translation>Le fichier n’est pas du JSON valide.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file has no &quot;nodes&quot; list.</source>
        <translation>Le fichier n’a pas de liste « nodes ».</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Built-in list</source>
        <translation>Liste intégrée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Use IPv6</source>
        <translation>Utiliser IPv6</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use UDP (faster; turn off only behind a strict firewall)</source>
        <translation>Utiliser UDP (plus rapide ; à désactiver seulement derrière un pare-feu strict)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>None (for example socks5://127.0.0.1:9050)</source>
        <translation>Aucun (par exemple socks5://127.0.0.1:9050)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+16"/>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Find friends on the local network (LAN discovery)</source>
        <translation>Trouver des amis sur le réseau local (découverte LAN)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Automatic (33445–33545)</source>
        <translation>Automatique (33445–33545)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bootstrap nodes file</source>
        <translation>Fichier des nœuds d’amorçage</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A proxy carries every connection to TCP relays; UDP is then off.</source>
        <translation>Un proxy porte toutes les connexions vers les relais TCP ; UDP est alors désactivé.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>UDP port</source>
        <translation>Port UDP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network changes take effect the next time toxgui starts.</source>
        <translation>Les changements réseau prennent effet au prochain démarrage de toxgui.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Interface</source>
        <translation>Interface</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show notifications for new messages and requests</source>
        <translation>Afficher des notifications pour les nouveaux messages et demandes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask for a sound with each notification</source>
        <translation>Demander un son à chaque notification</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep running in the system tray when the window is closed</source>
        <translation>Rester dans la zone de notification quand la fenêtre est fermée</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>System default</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Notifications are off: this desktop has neither a notification service nor a system tray.</source>
        <translation>Notifications désactivées : ce bureau n’a ni service de notifications ni zone de notification.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No system tray is available on this desktop.</source>
        <translation>Aucune zone de notification n’est disponible sur ce bureau.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The new language applies the next time toxgui starts.</source>
        <translation>La nouvelle langue s’applique au prochain démarrage de toxgui.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Same as the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Appearance</source>
        <translation>Apparence</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The Downloads folder</source>
        <translation>Le dossier Téléchargements</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>Download folder</source>
        <translation>Dossier de téléchargement</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+84"/>
        <source>Choose the download folder</source>
        <translation>Choisir le dossier de téléchargement</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Files can be accepted automatically per friend: right-click the friend.</source>
        <translation>Les fichiers peuvent être acceptés automatiquement pour chaque ami : clic droit sur l’ami.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+35"/>
        <source>Change password…</source>
        <translation>Changer le mot de passe…</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Change or remove the profile password</source>
        <translation>Changer ou supprimer le mot de passe du profil</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Switch profile…</source>
        <translation>Changer de profil…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close this profile and choose another</source>
        <translation>Fermer ce profil et en choisir un autre</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The profile and its history are encrypted with a password.</source>
        <translation>Le profil et son historique sont chiffrés par un mot de passe.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The profile and its history are stored unencrypted.</source>
        <translation>Le profil et son historique sont enregistrés sans chiffrement.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set a password…</source>
        <translation>Définir un mot de passe…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Write the proxy as socks5://HOST:PORT or http://HOST:PORT, or leave it empty.</source>
        <translation>Écris le proxy sous la forme socks5://HÔTE:PORT ou http://HÔTE:PORT, ou laisse-le vide.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose a bootstrap nodes file</source>
        <translation>Choisir un fichier de nœuds d’amorçage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nodes list (*.json)</source>
        <translation>Liste de nœuds (*.json)</translation>
    </message>
</context>
<context>
    <name>Stage</name>
    <message>
        <location filename="../models/contacts.py" line="+6"/>
        <source>Find DHT key</source>
        <translation>Trouver la clé DHT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find address</source>
        <translation>Trouver l’adresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Get cookie</source>
        <translation>Obtenir le cookie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handshake</source>
        <translation>Poignée de main</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm session</source>
        <translation>Confirmer la session</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected</source>
        <translation>Connecté</translation>
    </message>
</context>
<context>
    <name>StepperWidget</name>
    <message>
        <location filename="../ui/dashboard.py" line="-354"/>
        <source>done</source>
        <translation>terminé</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>in progress</source>
        <translation>en cours</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not yet</source>
        <translation>pas encore</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connection stage: %1</source>
        <translation>Étape de connexion : %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>entered earlier, time not recorded</source>
        <translation>atteint plus tôt, heure non enregistrée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>entered %1</source>
        <translation>atteint %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>started %1</source>
        <translation>commencé %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>search %1 · %2</source>
        <translation>recherche %1 · %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>attempt %1 · %2</source>
        <translation>essai %1 · %2</translation>
    </message>
</context>
<context>
    <name>TransferItem</name>
    <message>
        <location filename="../ui/transfers.py" line="+70"/>
        <source>Accept</source>
        <translation>Accepter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reject</source>
        <translation>Refuser</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show in folder</source>
        <translation>Afficher dans le dossier</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Picture: %1</source>
        <translation>Image : %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown size</source>
        <translation>taille inconnue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offered to you · %1</source>
        <translation>Proposé à vous · %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for your friend to accept · %1</source>
        <translation>En attente de l’acceptation de votre ami · %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paused by your friend</source>
        <translation>Mis en pause par votre ami</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 s left</source>
        <translation>%1 s restantes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Done · %1</source>
        <translation>Terminé · %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled by your friend</source>
        <translation>Annulé par votre ami</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+4"/>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Interrupted: the connection dropped (it resumes when offered again)</source>
        <translation>Interrompu : la connexion a été coupée (le transfert reprend quand il est proposé à nouveau)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped: the file could not be read or written</source>
        <translation>Arrêté : le fichier n’a pas pu être lu ou écrit</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../ui/tray.py" line="+27"/>
        <source>Show toxgui</source>
        <translation>Afficher toxgui</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
</context>
</TS>

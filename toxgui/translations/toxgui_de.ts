<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AddFriend</name>
    <message>
        <location filename="../ui/dialogs/add_friend.py" line="+69"/>
        <source>Enter your friend&apos;s Tox ID: 76 hexadecimal characters.</source>
        <translation>Gib die Tox-ID deines Freundes ein: 76 Hexadezimalzeichen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” at position %2 is not a hexadecimal character (only 0–9 and A–F).</source>
        <translation>„%1“ an Stelle %2 ist kein Hexadezimalzeichen (nur 0–9 und A–F).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This is a public key (64 characters), not a Tox ID: ask your friend for their full Tox ID (76 characters, with the nospam and checksum at the end).</source>
        <translation>Das ist ein öffentlicher Schlüssel (64 Zeichen), keine Tox-ID: Bitte deinen Kontakt um die vollständige Tox-ID (76 Zeichen, mit Nospam und Prüfsumme am Ende).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The checksum does not match: a character was probably mistyped.</source>
        <translation>Die Prüfsumme stimmt nicht: Wahrscheinlich wurde ein Zeichen falsch eingegeben.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This Tox ID does not contain a valid public key.</source>
        <translation>Diese Tox-ID enthält keinen gültigen öffentlichen Schlüssel.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is your own Tox ID. Enter your friend&apos;s ID instead.</source>
        <translation>Das ist deine eigene Tox-ID. Gib stattdessen die ID deines Freundes ein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is not a valid Tox ID.</source>
        <translation>Das ist keine gültige Tox-ID.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You are already friends with this person.</source>
        <translation>Ihr seid bereits befreundet.</translation>
    </message>
</context>
<context>
    <name>AddFriendDialog</name>
    <message>
        <location line="+58"/>
        <source>Friends</source>
        <translation>Freunde</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add a friend</source>
        <translation>Freund hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>My Tox ID</source>
        <translation>Meine Tox-ID</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>76 hexadecimal characters, or a tox: link</source>
        <translation>76 Hexadezimalzeichen oder ein tox:-Link</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>a Tox user</source>
        <translation>ein Tox-Nutzer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hi! This is %1. Let&apos;s talk on Tox.</source>
        <translation>Hallo! Hier ist %1. Lass uns über Tox schreiben.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Send friend request</source>
        <translation>Freundschaftsanfrage senden</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+21"/>
        <source>Your friend&apos;s Tox ID</source>
        <translation>Tox-ID deines Freundes</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+17"/>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>You are already friends with %1.</source>
        <translation>Du bist bereits mit %1 befreundet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You are already friends with this person.</source>
        <translation>Ihr seid bereits befreundet.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The message cannot be empty.</source>
        <translation>Die Nachricht darf nicht leer sein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The message is too long: %1 of at most %2 bytes.</source>
        <translation>Die Nachricht ist zu lang: %1 von höchstens %2 Bytes.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Enter your friend&apos;s Tox ID: 76 hexadecimal characters.</source>
        <translation>Gib die Tox-ID deines Freundes ein: 76 Hexadezimalzeichen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This Tox ID is valid.</source>
        <translation>Diese Tox-ID ist gültig.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 of %2 bytes</source>
        <translation>%1 von %2 Bytes</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Friend request sent to %1.</source>
        <translation>Freundschaftsanfrage an %1 gesendet.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Friend requests</source>
        <translation>Freundschaftsanfragen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No friend requests right now.
When someone adds you, their request shows up here.</source>
        <translation>Im Moment keine Freundschaftsanfragen.
Wenn dich jemand hinzufügt, erscheint die Anfrage hier.</translation>
    </message>
    <message numerus="yes">
        <location line="+34"/>
        <source>Requests (%n)</source>
        <translation>
            <numerusform>Anfragen (%n)</numerusform>
            <numerusform>Anfragen (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>From %1:
%2</source>
        <translation>Von %1:
%2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Give this ID to friends so they can add you. It is safe to share.</source>
        <translation>Gib diese ID an Freunde weiter, damit sie dich hinzufügen können. Du kannst sie bedenkenlos teilen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copy ID</source>
        <translation>ID kopieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save QR code…</source>
        <translation>QR-Code speichern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the QR code as a PNG image</source>
        <translation>Den QR-Code als PNG-Bild speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New Tox ID…</source>
        <translation>Neue Tox-ID…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make a new Tox ID</source>
        <translation>Eine neue Tox-ID erzeugen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Friend requests sent to the current ID stop arriving</source>
        <translation>Freundschaftsanfragen an die aktuelle ID kommen dann nicht mehr an</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+15"/>
        <source>Save QR code</source>
        <translation>QR-Code speichern</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>QR code saved.</source>
        <translation>QR-Code gespeichert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The QR code could not be saved to %1: %2</source>
        <translation>Der QR-Code konnte nicht unter %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>New Tox ID</source>
        <translation>Neue Tox-ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Make a new Tox ID?</source>
        <translation>Eine neue Tox-ID erzeugen?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Friend requests sent to your current ID will no longer arrive, so nobody can add you with it any more. Friends you already have stay your friends. Give the new ID to people who have not added you yet.</source>
        <translation>Freundschaftsanfragen an deine aktuelle ID kommen nicht mehr an, niemand kann dich also mehr damit hinzufügen. Deine bisherigen Kontakte bleiben erhalten. Gib die neue ID an alle, die dich noch nicht hinzugefügt haben.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Make a new ID</source>
        <translation>Neue ID erzeugen</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>New Tox ID made. The old one no longer works.</source>
        <translation>Neue Tox-ID erzeugt. Die alte funktioniert nicht mehr.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Copied to the clipboard.</source>
        <translation>In die Zwischenablage kopiert.</translation>
    </message>
</context>
<context>
    <name>Chat</name>
    <message>
        <location filename="../models/chat.py" line="+38"/>
        <location filename="../models/conferences.py" line="+163"/>
        <source>⚠ This message could not be read (damaged or altered).</source>
        <translation>⚠ Diese Nachricht konnte nicht gelesen werden (beschädigt oder verändert).</translation>
    </message>
</context>
<context>
    <name>ChatExport</name>
    <message>
        <location filename="../models/chat_export.py" line="+31"/>
        <source>(this message could not be read)</source>
        <translation>(diese Nachricht konnte nicht gelesen werden)</translation>
    </message>
</context>
<context>
    <name>ChatHeader</name>
    <message>
        <location filename="../ui/main_window.py" line="+311"/>
        <location line="+1"/>
        <source>Connection dashboard</source>
        <translation>Verbindungsübersicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shows each step of the connection to this friend</source>
        <translation>Zeigt jeden Schritt der Verbindung zu diesem Kontakt</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Search in this chat</source>
        <translation>In diesem Chat suchen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>More</source>
        <translation>Mehr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More actions</source>
        <translation>Weitere Aktionen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy public key</source>
        <translation>Öffentlichen Schlüssel kopieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export history…</source>
        <translation>Verlauf exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear history…</source>
        <translation>Verlauf löschen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove friend…</source>
        <translation>Freund entfernen …</translation>
    </message>
</context>
<context>
    <name>ChatSearchBar</name>
    <message>
        <location filename="../ui/chat_search.py" line="+30"/>
        <location line="+1"/>
        <source>Search in this chat</source>
        <translation>In diesem Chat suchen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Newer result (Shift+Enter)</source>
        <translation>Neueres Ergebnis (Umschalt+Eingabetaste)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Older result (Enter)</source>
        <translation>Älteres Ergebnis (Eingabetaste)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the search (Esc)</source>
        <translation>Suche schließen (Esc)</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>No match</source>
        <translation>Kein Treffer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <location filename="../ui/chat_view.py" line="+98"/>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <location line="+310"/>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>No messages yet. Say hello to %1!</source>
        <translation>Noch keine Nachrichten. Sag %1 Hallo!</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Queued: will be sent when %1 is online</source>
        <translation>Wartet: wird gesendet, sobald %1 online ist</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sent, not yet confirmed by %1</source>
        <translation>Gesendet, von %1 noch nicht bestätigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Select text</source>
        <translation>Text auswählen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Message text</source>
        <translation>Nachrichtentext</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy selection</source>
        <translation>Auswahl kopieren</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select text…</source>
        <translation>Text auswählen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open link</source>
        <translation>Link öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy link</source>
        <translation>Link kopieren</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location line="+50"/>
        <source>Write a message…</source>
        <translation>Nachricht schreiben …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Eingabetaste sendet, Umschalt+Eingabetaste beginnt eine neue Zeile</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Send (Enter)</source>
        <translation>Senden (Eingabetaste)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+1"/>
        <source>Send a file</source>
        <translation>Datei senden</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source>Insert an emoji</source>
        <translation>Emoji einfügen</translation>
    </message>
    <message numerus="yes">
        <location line="+72"/>
        <source>Long message: it will be sent as %n messages.</source>
        <translation>
            <numerusform>Lange Nachricht: Sie wird als %n Nachricht gesendet.</numerusform>
            <numerusform>Lange Nachricht: Sie wird als %n Nachrichten gesendet.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConferenceList</name>
    <message>
        <location filename="../ui/conferences.py" line="+75"/>
        <source>Group chats</source>
        <translation>Gruppenchats</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each group chat with its unread messages</source>
        <translation>Jeder Gruppenchat mit seinen ungelesenen Nachrichten</translation>
    </message>
</context>
<context>
    <name>ConferencePage</name>
    <message>
        <location line="+72"/>
        <source>Invite…</source>
        <translation>Einladen…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Invite a friend to this group chat</source>
        <translation>Einen Freund in diesen Gruppenchat einladen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title…</source>
        <translation>Titel…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set the group chat&apos;s title</source>
        <translation>Den Titel des Gruppenchats festlegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Links</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show how we are connected to each member</source>
        <translation>Zeigen, wie wir mit jedem Mitglied verbunden sind</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave…</source>
        <translation>Verlassen…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Leave this group chat</source>
        <translation>Diesen Gruppenchat verlassen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How we are connected to each member</source>
        <translation>Wie wir mit jedem Mitglied verbunden sind</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>joining…</source>
        <translation>tritt bei…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 connected directly</source>
        <translation>%1 direkt verbunden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Messages in %1</source>
        <translation>Nachrichten in %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>you</source>
        <translation>du</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>direct</source>
        <translation>direkt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>through others</source>
        <translation>über andere</translation>
    </message>
</context>
<context>
    <name>Conferences</name>
    <message>
        <location filename="../models/conferences.py" line="-102"/>
        <source>Group chat %1</source>
        <translation>Gruppenchat %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Group chat %1, %2</source>
        <translation>Gruppenchat %1, %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, joining</source>
        <translation>, tritt bei</translation>
    </message>
    <message>
        <location line="+188"/>
        <source>%1 invites you to a group chat</source>
        <translation>%1 lädt dich in einen Gruppenchat ein</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Joining: waiting for the member who invited us to send the peer list.</source>
        <translation>Beitritt: Wir warten darauf, dass das einladende Mitglied die Mitgliederliste schickt.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>one of the members closest to us by key</source>
        <translation>eines der Mitglieder, deren Schlüssel unserem am nächsten ist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>we introduced them</source>
        <translation>wir haben es eingeführt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>they introduced us</source>
        <translation>es hat uns eingeführt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: connected to us directly over %3 (%2).</source>
        <translation>%1: direkt mit uns verbunden über %3 (%2).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: connected to us directly (%2).</source>
        <translation>%1: direkt mit uns verbunden (%2).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: a direct link is being set up (%2); until then messages come through others.</source>
        <translation>%1: eine direkte Verbindung wird aufgebaut (%2); bis dahin kommen Nachrichten über andere.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: reached through other members; we keep direct links only to the members closest to us by key and to those who introduced us.</source>
        <translation>%1: über andere Mitglieder erreicht; direkte Verbindungen halten wir nur zu den Mitgliedern, deren Schlüssel unserem am nächsten ist, und zu denen, die uns eingeführt haben.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: silent for a while (frozen); back with their next message.</source>
        <translation>%1: seit einer Weile still (eingefroren); zurück mit der nächsten Nachricht.</translation>
    </message>
</context>
<context>
    <name>ContactDelegate</name>
    <message>
        <location filename="../ui/contact_delegate.py" line="+105"/>
        <source>typing…</source>
        <translation>schreibt …</translation>
    </message>
</context>
<context>
    <name>Contacts</name>
    <message>
        <location filename="../models/contacts.py" line="+133"/>
        <source>%1: connected over %2</source>
        <translation>%1: verbunden über %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2, connected over %3</source>
        <translation>%1: %2, verbunden über %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: offline, step %2 of %3: %4</source>
        <translation>%1: offline, Schritt %2 von %3: %4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, typing</source>
        <translation>, schreibt</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <location filename="../models/plurals.py" line="+16"/>
        <source>%n unread message(s)</source>
        <translation>
            <numerusform>%n ungelesene Nachricht</numerusform>
            <numerusform>%n ungelesene Nachrichten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n s ago</source>
        <translation>
            <numerusform>vor %n s</numerusform>
            <numerusform>vor %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>vor %n min</numerusform>
            <numerusform>vor %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n h ago</source>
        <translation>
            <numerusform>vor %n h</numerusform>
            <numerusform>vor %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
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
            <numerusform>%n Mitglied</numerusform>
            <numerusform>%n Mitglieder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Too short: a Tox ID has 76 characters, this has %n.</source>
        <translation>
            <numerusform>Zu kurz: Eine Tox-ID hat 76 Zeichen, diese hat %n.</numerusform>
            <numerusform>Zu kurz: Eine Tox-ID hat 76 Zeichen, diese hat %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Too long: a Tox ID has 76 characters, this has %n.</source>
        <translation>
            <numerusform>Zu lang: Eine Tox-ID hat 76 Zeichen, diese hat %n.</numerusform>
            <numerusform>Zu lang: Eine Tox-ID hat 76 Zeichen, diese hat %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Looking for %1&apos;s current DHT key on the onion: asked %n node(s), %2.</source>
        <translation>
            <numerusform>Suche den aktuellen DHT-Schlüssel von %1 im Onion-Netz: %n Knoten gefragt, %2.</numerusform>
            <numerusform>Suche den aktuellen DHT-Schlüssel von %1 im Onion-Netz: %n Knoten gefragt, %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../models/dashboard.py" line="+50"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <location filename="../models/contacts.py" line="-57"/>
        <location filename="../models/dashboard.py" line="+130"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <location filename="../models/dashboard.py" line="-117"/>
        <source>searching now</source>
        <translation>Suche läuft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retrying now</source>
        <translation>neuer Versuch läuft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>trying now</source>
        <translation>Versuch läuft</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>next search in %1</source>
        <translation>nächste Suche in %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>next retry in %1</source>
        <translation>nächster Versuch in %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>next try in %1</source>
        <translation>nächster Versuch in %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1: connected in %2; lost %3</source>
        <translation>%1: verbunden in %2; getrennt %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: connected in %2</source>
        <translation>%1: verbunden in %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: timed out at “%3” after %2</source>
        <translation>%1: Zeitüberschreitung bei „%3“ nach %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: replaced at “%3” after %2 (the friend has a new DHT key)</source>
        <translation>%1: ersetzt bei „%3“ nach %2 (der Kontakt hat einen neuen DHT-Schlüssel)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: under way for %2, at “%3”</source>
        <translation>%1: läuft seit %2, bei „%3“</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A friend&apos;s DHT key changes every session; it is looked up through the onion.</source>
        <translation>Der DHT-Schlüssel eines Freundes ändert sich mit jeder Sitzung; er wird über das Onion-Netz gesucht.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>DHT nodes close to that key are asked for the friend&apos;s IP address.</source>
        <translation>DHT-Knoten in der Nähe dieses Schlüssels werden nach der IP-Adresse des Freundes gefragt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A cookie request proves the address is real before the handshake.</source>
        <translation>Eine Cookie-Anfrage prüft vor dem Handshake, ob die Adresse echt ist.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Handshake packets set up the encrypted session.</source>
        <translation>Handshake-Pakete bauen die verschlüsselte Sitzung auf.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The first encrypted packet confirms the session.</source>
        <translation>Das erste verschlüsselte Paket bestätigt die Sitzung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messages travel directly over the encrypted connection.</source>
        <translation>Nachrichten laufen direkt über die verschlüsselte Verbindung.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>an unknown address</source>
        <translation>einer unbekannten Adresse</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Waiting for onion paths through the DHT before searching for %1.</source>
        <translation>Warte auf Onion-Pfade durch das DHT, bevor nach %1 gesucht wird.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Looking for %1&apos;s current DHT key on the onion: %2.</source>
        <translation>Suche den aktuellen DHT-Schlüssel von %1 im Onion-Netz: %2.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Found %1&apos;s DHT key %2 (%3). Asking DHT nodes for the address: attempt %4, %5.</source>
        <translation>DHT-Schlüssel von %1 %2 gefunden (%3). Frage DHT-Knoten nach der Adresse: Versuch %4, %5.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 is at %2. Asking for a cookie to start the handshake: attempt %3, %4.</source>
        <translation>%1 ist unter %2. Frage nach einem Cookie für den Handshake: Versuch %3, %4.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Got a cookie from %2. Handshake sent, waiting for %1&apos;s: attempt %3, %4.</source>
        <translation>Cookie von %2 erhalten. Handshake gesendet, warte auf den von %1: Versuch %3, %4.</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>via the onion</source>
        <translation>über das Onion-Netz</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>%1 seems to be offline: %2 onion searches found no node that %1 announced to. Last seen: %3; %4.</source>
        <translation>%1 scheint offline zu sein: %2 Onion-Suchen fanden keinen Knoten, bei dem %1 angemeldet ist. Zuletzt gesehen: %3; %4.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>via the DHT</source>
        <translation>über das DHT</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Handshakes exchanged with %2. Waiting for the first encrypted packet from %1.</source>
        <translation>Handshakes mit %2 ausgetauscht. Warte auf das erste verschlüsselte Paket von %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connected to %1 through the TCP relay %2 (no direct UDP path). Last packet %3.</source>
        <translation>Mit %1 über das TCP-Relay %2 verbunden (kein direkter UDP-Weg). Letztes Paket %3.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>an unknown transport</source>
        <translation>einem unbekannten Transport</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connected to %1 over %2 at %3. Last packet %4.</source>
        <translation>Mit %1 über %2 unter %3 verbunden. Letztes Paket %4.</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+37"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>%1 connected, %2 ms</source>
        <translation>%1 verbunden, %2 ms</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 down (%2)</source>
        <translation>%1 getrennt (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 connecting</source>
        <translation>%1 wird verbunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 connected</source>
        <translation>%1 von %2 verbunden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>UDP direct</source>
        <translation>UDP direkt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>TCP relay</source>
        <translation>TCP-Relay</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TCP via relay %1</source>
        <translation>TCP über Relay %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (relay answers in %1 ms)</source>
        <translation> (Relay antwortet in %1 ms)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>linked to the friend</source>
        <translation>mit dem Kontakt verbunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>waiting for the friend to come to this relay</source>
        <translation>wartet, bis der Kontakt dieses Relay nutzt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>asked the relay</source>
        <translation>Relay angefragt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: we are not connected to it</source>
        <translation>%1: nicht mit uns verbunden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>TCP only (UDP is off): no TCP relay is connected, so nobody can reach us yet.</source>
        <translation>Nur TCP (UDP ist aus): kein TCP-Relay verbunden, daher kann uns noch niemand erreichen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TCP only (UDP is off): TCP relays connected: %1; announcing ourselves on the onion through them…</source>
        <translation>Nur TCP (UDP ist aus): verbundene TCP-Relays: %1; wir melden uns darüber im Onion-Netz an…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TCP only (UDP is off): online through our TCP relays (%1 connected), and friends can find us on the onion.</source>
        <translation>Nur TCP (UDP ist aus): online über unsere TCP-Relays (%1 verbunden); Kontakte finden uns im Onion-Netz.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not connected to the Tox network yet: no DHT node has answered.</source>
        <translation>Noch nicht mit dem Tox-Netz verbunden: Kein DHT-Knoten hat geantwortet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connected to %1 DHT nodes; announcing ourselves on the onion…</source>
        <translation>Mit %1 DHT-Knoten verbunden; wir melden uns im Onion-Netz an …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Online: %1 of %2 DHT nodes answer, and friends can find us on the onion.</source>
        <translation>Online: %1 von %2 DHT-Knoten antworten, und Freunde finden uns über das Onion-Netz.</translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <location filename="../ui/dashboard.py" line="+256"/>
        <location line="+107"/>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location line="-102"/>
        <location line="+1"/>
        <source>Hide the connection dashboard</source>
        <translation>Verbindungsübersicht ausblenden</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>DHT key</source>
        <translation>DHT-Schlüssel</translation>
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
        <translation>Letztes Paket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Onion search</source>
        <translation>Onion-Suche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relays</source>
        <translation>Relays</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>DHT nodes</source>
        <translation>DHT-Knoten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Onion paths</source>
        <translation>Onion-Pfade</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Announced</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UDP port</source>
        <translation>UDP-Port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TCP relays</source>
        <translation>TCP-Relays</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Stages</source>
        <translation>Phasen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recent attempts</source>
        <translation>Letzte Versuche</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Recent connection attempts</source>
        <translation>Letzte Verbindungsversuche</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Our network</source>
        <translation>Unser Netz</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connection details</source>
        <translation>Verbindungsdetails</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Connection to %1</source>
        <translation>Verbindung zu %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>via onion</source>
        <translation>über Onion</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>via DHT</source>
        <translation>über DHT</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+6"/>
        <source>not known yet</source>
        <translation>noch unbekannt</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>fresh</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>off (TCP only)</source>
        <translation>aus (nur TCP)</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>online now</source>
        <translation>jetzt online</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not needed while connected</source>
        <translation>während der Verbindung nicht nötig</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 nodes report %3 announced, %2 searches; %4</source>
        <translation>%1 Knoten melden %3 als angemeldet, %2 Suchen; %4</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No connection attempt seen yet.</source>
        <translation>Noch kein Verbindungsversuch gesehen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 known, %2 good</source>
        <translation>%1 bekannt, %2 gut</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not yet</source>
        <translation>noch nicht</translation>
    </message>
</context>
<context>
    <name>EditableLabel</name>
    <message>
        <location filename="../ui/main_window.py" line="-239"/>
        <source>Double-click, or press Enter, to edit</source>
        <translation>Doppelklicken oder Eingabetaste drücken zum Bearbeiten</translation>
    </message>
</context>
<context>
    <name>EmojiPicker</name>
    <message>
        <location filename="../ui/emoji.py" line="+33"/>
        <source>Emoji</source>
        <translation>Emoji</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arrow keys choose, Enter inserts, Escape closes</source>
        <translation>Pfeiltasten wählen, Eingabe fügt ein, Escape schließt</translation>
    </message>
</context>
<context>
    <name>InviteBox</name>
    <message>
        <location filename="../ui/conferences.py" line="-132"/>
        <location line="+12"/>
        <source>Group chat invites</source>
        <translation>Einladungen in Gruppenchats</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Join</source>
        <translation>Beitreten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Join the group chat</source>
        <translation>Dem Gruppenchat beitreten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decline the invite</source>
        <translation>Die Einladung ablehnen</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="+316"/>
        <location line="+2"/>
        <location line="+221"/>
        <source>Search contacts</source>
        <translation>Kontakte durchsuchen</translation>
    </message>
    <message>
        <location line="-216"/>
        <source>Friends</source>
        <translation>Freunde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each friend with their connection state</source>
        <translation>Jeder Kontakt mit seinem Verbindungszustand</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+497"/>
        <source>No friends yet.
Add one with their Tox ID.</source>
        <translation>Noch keine Freunde.
Füge einen mit seiner Tox-ID hinzu.</translation>
    </message>
    <message>
        <location line="-490"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+198"/>
        <location line="+72"/>
        <source>Add a friend</source>
        <translation>Freund hinzufügen</translation>
    </message>
    <message>
        <location line="-269"/>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+506"/>
        <source>Friend requests</source>
        <translation>Freundschaftsanfragen</translation>
    </message>
    <message>
        <location line="-505"/>
        <source>My ID</source>
        <translation>Meine ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>My Tox ID and QR code</source>
        <translation>Meine Tox-ID und QR-Code</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+201"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="-181"/>
        <source>Group chats</source>
        <translation>Gruppenchats</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New group chat…</source>
        <translation>Neuer Gruppenchat…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+673"/>
        <location line="+9"/>
        <source>New group chat</source>
        <translation>Neuer Gruppenchat</translation>
    </message>
    <message>
        <location line="-681"/>
        <source>Create a group chat and invite friends to it</source>
        <translation>Einen Gruppenchat anlegen und Freunde einladen</translation>
    </message>
    <message>
        <location line="+170"/>
        <source>Search in this chat</source>
        <translation>In diesem Chat suchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next chat</source>
        <translation>Nächster Chat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous chat</source>
        <translation>Vorheriger Chat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Edit your name</source>
        <translation>Deinen Namen bearbeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Pick a friend on the left to start chatting,
or add a friend with their Tox ID.</source>
        <translation>Wähle links einen Freund, um zu chatten,
oder füge einen Freund mit seiner Tox-ID hinzu.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show my Tox ID</source>
        <translation>Meine Tox-ID zeigen</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Note: %1</source>
        <translation>Notiz: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Messages with %1</source>
        <translation>Nachrichten mit %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is typing…</source>
        <translation>%1 schreibt …</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is offline: messages wait here and go out when %1 is back.</source>
        <translation>%1 ist offline: Nachrichten warten hier und werden gesendet, sobald %1 wieder da ist.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Send files</source>
        <translation>Dateien senden</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 was not sent: %2</source>
        <translation>%1 wurde nicht gesendet: %2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The pasted picture could not be saved.</source>
        <translation>Das eingefügte Bild konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Accept files automatically</source>
        <translation>Dateien automatisch annehmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept files from this friend up to this size without asking, in MB (0: always ask):</source>
        <translation>Dateien dieses Freundes bis zu dieser Größe ohne Nachfrage annehmen, in MB (0: immer fragen):</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>No friend matches “%1”.</source>
        <translation>Kein Kontakt passt zu „%1“.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Welcome, %1</source>
        <translation>Willkommen, %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n friend request(s) waiting</source>
        <translation>
            <numerusform>%n Freundschaftsanfrage wartet</numerusform>
            <numerusform>%n Freundschaftsanfragen warten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n group chat invite(s) waiting</source>
        <translation>
            <numerusform>%n Einladung in einen Gruppenchat wartet</numerusform>
            <numerusform>%n Einladungen in Gruppenchats warten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Plain text (*.txt)</source>
        <translation>Reiner Text (*.txt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export the chat with %1</source>
        <translation>Chat mit %1 exportieren</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chat could not be saved to %1: %2</source>
        <translation>Der Chat konnte nicht unter %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chat with %1 saved to %2</source>
        <translation>Chat mit %1 unter %2 gespeichert</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+4"/>
        <source>Clear history</source>
        <translation>Verlauf löschen</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Delete the whole chat with %1 from this computer?</source>
        <translation>Den ganzen Chat mit %1 von diesem Computer löschen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This cannot be undone; export the chat first to keep a copy. Messages still waiting to be sent are kept.</source>
        <translation>Das lässt sich nicht rückgängig machen; exportiere den Chat vorher, um eine Kopie zu behalten. Nachrichten, die noch auf den Versand warten, bleiben erhalten.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Remove friend</source>
        <translation>Freund entfernen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove %1 from your friends?</source>
        <translation>%1 aus deinen Freunden entfernen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You can add each other again later. Your chat history is kept.</source>
        <translation>Ihr könnt euch später wieder hinzufügen. Der Chatverlauf bleibt erhalten.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="-426"/>
        <location line="+626"/>
        <source>Connection dashboard</source>
        <translation>Verbindungsübersicht</translation>
    </message>
    <message>
        <location line="-126"/>
        <location line="+25"/>
        <source>Title of the group chat:</source>
        <translation>Titel des Gruppenchats:</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+9"/>
        <source>Group chat title</source>
        <translation>Titel des Gruppenchats</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No friend is online</source>
        <translation>Kein Freund ist online</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Invite to group chat</source>
        <translation>In den Gruppenchat einladen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Leave group chat</source>
        <translation>Gruppenchat verlassen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Leave %1?</source>
        <translation>%1 verlassen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You can only come back when a member invites you again. The messages so far are kept.</source>
        <translation>Zurück kommst du nur, wenn dich ein Mitglied wieder einlädt. Die bisherigen Nachrichten bleiben erhalten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave</source>
        <translation>Verlassen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Set the title…</source>
        <translation>Titel festlegen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave group chat…</source>
        <translation>Gruppenchat verlassen…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Join group chat</source>
        <translation>Gruppenchat beitreten</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Copy public key</source>
        <translation>Öffentlichen Schlüssel kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set a nickname…</source>
        <translation>Spitznamen festlegen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note…</source>
        <translation>Notiz…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mute notifications</source>
        <translation>Benachrichtigungen stummschalten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Accept files automatically…</source>
        <translation>Dateien automatisch annehmen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Invite to group</source>
        <translation>In Gruppe einladen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove friend…</source>
        <translation>Freund entfernen …</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Open link</source>
        <translation>Link öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This link opens another program. Open it?</source>
        <translation>Dieser Link öffnet ein anderes Programm. Öffnen?</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Nickname</source>
        <translation>Spitzname</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A nickname only you see, shown instead of “%1” (leave empty for their own name):</source>
        <translation>Ein Spitzname, den nur du siehst, statt „%1“ angezeigt (leer lassen für den eigenen Namen):</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A note about %1 that only you see:</source>
        <translation>Eine Notiz zu %1, die nur du siehst:</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Friend request from %1</source>
        <translation>Freundschaftsanfrage von %1</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../ui/dialogs/password.py" line="+42"/>
        <source>Profile password</source>
        <translation>Profilpasswort</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The password encrypts this profile, its chat history and its queued messages on this computer.</source>
        <translation>Das Passwort verschlüsselt dieses Profil, seinen Chatverlauf und seine wartenden Nachrichten auf diesem Computer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This profile is stored unencrypted. A password encrypts the profile, its chat history and its queued messages on this computer.</source>
        <translation>Dieses Profil ist unverschlüsselt gespeichert. Ein Passwort verschlüsselt das Profil, seinen Chatverlauf und seine wartenden Nachrichten auf diesem Computer.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+20"/>
        <source>Current password</source>
        <translation>Aktuelles Passwort</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+20"/>
        <source>New password</source>
        <translation>Neues Passwort</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Repeat the new password</source>
        <translation>Neues Passwort wiederholen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Repeat</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change password</source>
        <translation>Passwort ändern</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set password</source>
        <translation>Passwort setzen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove password</source>
        <translation>Passwort entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Store the profile and its history unencrypted</source>
        <translation>Profil und Verlauf unverschlüsselt speichern</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Enter the new password (or use Remove password).</source>
        <translation>Gib das neue Passwort ein (oder wähle „Passwort entfernen“).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The two new passwords differ.</source>
        <translation>Die beiden neuen Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Re-encrypting…</source>
        <translation>Wird neu verschlüsselt…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Removing the password…</source>
        <translation>Passwort wird entfernt…</translation>
    </message>
</context>
<context>
    <name>Presence</name>
    <message>
        <location filename="../models/contacts.py" line="+13"/>
        <source>Never seen online</source>
        <translation>Noch nie online gesehen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last seen %1</source>
        <translation>Zuletzt gesehen %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Away</source>
        <translation>Abwesend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Busy</source>
        <translation>Beschäftigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
</context>
<context>
    <name>ProfileChooser</name>
    <message>
        <location filename="../ui/dialogs/profile_chooser.py" line="+130"/>
        <source>No password: the profile and history are stored unencrypted.</source>
        <translation>Kein Passwort: Profil und Verlauf werden unverschlüsselt gespeichert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Weak password</source>
        <translation>Schwaches Passwort</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fair password</source>
        <translation>Mittelstarkes Passwort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strong password</source>
        <translation>Starkes Passwort</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>toxgui: choose a profile</source>
        <translation>toxgui: Profil wählen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Private messaging,
no servers in between.</source>
        <translation>Private Nachrichten,
ohne Server dazwischen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New profile</source>
        <translation>Neues Profil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open profile</source>
        <translation>Profil öffnen</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Create a new profile</source>
        <translation>Neues Profil anlegen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The name your friends see</source>
        <translation>Der Name, den deine Freunde sehen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Create profile</source>
        <translation>Profil anlegen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+32"/>
        <location line="+1"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Open a profile</source>
        <translation>Ein Profil öffnen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profiles in %1</source>
        <translation>Profile in %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There are no profiles in this folder yet.
Create one with “New profile”, or put a .tox profile from another Tox client here.</source>
        <translation>In diesem Ordner gibt es noch keine Profile.
Lege eines mit „Neues Profil“ an oder lege hier ein .tox-Profil aus einem anderen Tox-Programm ab.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename the selected profile</source>
        <translation>Das gewählte Profil umbenennen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected profile</source>
        <translation>Das gewählte Profil löschen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save a copy of the selected profile</source>
        <translation>Eine Kopie des gewählten Profils speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a profile file from elsewhere</source>
        <translation>Eine Profildatei von anderswo hinzufügen</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>password protected</source>
        <translation>passwortgeschützt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no password</source>
        <translation>ohne Passwort</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Rename profile</source>
        <translation>Profil umbenennen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New name for %1:</source>
        <translation>Neuer Name für %1:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter a name.</source>
        <translation>Gib einen Namen ein.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Delete profile</source>
        <translation>Profil löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the profile %1 and its chat history?</source>
        <translation>Das Profil %1 und seinen Chatverlauf löschen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your Tox ID, your friends and your messages in this profile are gone for good. Export the profile first to keep a copy.</source>
        <translation>Deine Tox-ID, deine Kontakte und deine Nachrichten in diesem Profil sind dann endgültig weg. Exportiere das Profil vorher, um eine Kopie zu behalten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export profile</source>
        <translation>Profil exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tox profile (*.tox)</source>
        <translation>Tox-Profil (*.tox)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Saved a copy to %1.</source>
        <translation>Kopie unter %1 gespeichert.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import profile</source>
        <translation>Profil importieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tox profile (*.tox);;All files (*)</source>
        <translation>Tox-Profil (*.tox);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Enter a name for the profile.</source>
        <translation>Gib einen Namen für das Profil ein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The passwords do not match.</source>
        <translation>Die Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A profile called “%1” exists already; open it or choose another name.</source>
        <translation>Ein Profil namens „%1“ gibt es schon; öffne es oder wähle einen anderen Namen.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Creating your profile…</source>
        <translation>Dein Profil wird angelegt …</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This profile is password protected: enter its password.</source>
        <translation>Dieses Profil ist passwortgeschützt: Gib sein Passwort ein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet …</translation>
    </message>
</context>
<context>
    <name>Profiles</name>
    <message>
        <location filename="../models/profiles.py" line="+30"/>
        <source>Wrong password. Check it (capital letters count) and try again.</source>
        <translation>Falsches Passwort. Prüfe es (Groß- und Kleinschreibung zählt) und versuche es noch einmal.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This profile is password protected: enter its password.</source>
        <translation>Dieses Profil ist passwortgeschützt: Gib sein Passwort ein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This profile is already open in another program (%1).</source>
        <translation>Dieses Profil ist schon in einem anderen Programm geöffnet (%1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This file cannot be opened: it is damaged or it is not a Tox profile.</source>
        <translation>Diese Datei lässt sich nicht öffnen: Sie ist beschädigt oder kein Tox-Profil.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The chat history next to this profile cannot be opened: %1</source>
        <translation>Der Chatverlauf neben diesem Profil lässt sich nicht öffnen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file cannot be read: %1</source>
        <translation>Die Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>A profile with that name is already there.</source>
        <translation>Ein Profil mit diesem Namen gibt es dort schon.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This file is not a Tox profile.</source>
        <translation>Diese Datei ist kein Tox-Profil.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file cannot be read or written: %1</source>
        <translation>Die Datei kann nicht gelesen oder geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>SelfHeader</name>
    <message>
        <location filename="../ui/main_window.py" line="-1143"/>
        <source>Your identicon, derived from your public key</source>
        <translation>Dein Identicon, aus deinem öffentlichen Schlüssel abgeleitet</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Your name</source>
        <translation>Dein Name</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Your picture</source>
        <translation>Dein Bild</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set a status message</source>
        <translation>Statusnachricht festlegen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose online, away or busy</source>
        <translation>Online, abwesend oder beschäftigt wählen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Show the connection dashboard</source>
        <translation>Verbindungsübersicht zeigen</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Your picture: click to change it</source>
        <translation>Dein Bild: zum Ändern klicken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your identicon: click to choose a picture</source>
        <translation>Dein Identicon: klicken, um ein Bild zu wählen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a picture…</source>
        <translation>Bild wählen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the picture</source>
        <translation>Bild entfernen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a picture</source>
        <translation>Bild wählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.gif *.bmp *.webp)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Picture not set</source>
        <translation>Bild nicht gesetzt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unnamed</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your status: %1</source>
        <translation>Dein Status: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your name: %1</source>
        <translation>Dein Name: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your status message: %1</source>
        <translation>Deine Statusnachricht: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network status</source>
        <translation>Netzwerkstatus</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>● Connecting to the Tox network…</source>
        <translation>● Verbinde mit dem Tox-Netz …</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>● Online · %n DHT node(s)</source>
        <translation>
            <numerusform>● Online · %n DHT-Knoten</numerusform>
            <numerusform>● Online · %n DHT-Knoten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>● Announcing · %n DHT node(s)</source>
        <translation>
            <numerusform>● Anmeldung · %n DHT-Knoten</numerusform>
            <numerusform>● Anmeldung · %n DHT-Knoten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../ui/dialogs/settings.py" line="+41"/>
        <source>Cannot read the file: %1</source>
        <translation>Die Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file is not valid JSON.</source>
        <translation>Die Datei ist kein gültiges JSON.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file has no &quot;nodes&quot; list.</source>
        <translation>Die Datei enthält keine „nodes“-Liste.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Built-in list</source>
        <translation>Eingebaute Liste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Use IPv6</source>
        <translation>IPv6 verwenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use UDP (faster; turn off only behind a strict firewall)</source>
        <translation>UDP verwenden (schneller; nur hinter einer strengen Firewall abschalten)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>None (for example socks5://127.0.0.1:9050)</source>
        <translation>Keiner (zum Beispiel socks5://127.0.0.1:9050)</translation>
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
        <translation>Freunde im lokalen Netz finden (LAN-Erkennung)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Automatic (33445–33545)</source>
        <translation>Automatisch (33445–33545)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bootstrap nodes file</source>
        <translation>Datei mit Bootstrap-Knoten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A proxy carries every connection to TCP relays; UDP is then off.</source>
        <translation>Ein Proxy trägt jede Verbindung zu TCP-Relays; UDP ist dann aus.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>UDP port</source>
        <translation>UDP-Port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network changes take effect the next time toxgui starts.</source>
        <translation>Netzwerkänderungen gelten ab dem nächsten Start von toxgui.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Interface</source>
        <translation>Oberfläche</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show notifications for new messages and requests</source>
        <translation>Benachrichtigungen für neue Nachrichten und Anfragen zeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask for a sound with each notification</source>
        <translation>Bei jeder Benachrichtigung einen Ton anfordern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep running in the system tray when the window is closed</source>
        <translation>Nach dem Schließen des Fensters im Systembereich weiterlaufen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Notifications are off: this desktop has neither a notification service nor a system tray.</source>
        <translation>Benachrichtigungen sind aus: Diese Arbeitsumgebung hat weder einen Benachrichtigungsdienst noch einen Systembereich (Tray).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No system tray is available on this desktop.</source>
        <translation>Auf diesem Desktop gibt es keinen Systembereich (Tray).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The new language applies the next time toxgui starts.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start von toxgui.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Same as the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Appearance</source>
        <translation>Erscheinungsbild</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The Downloads folder</source>
        <translation>Der Download-Ordner</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>Download folder</source>
        <translation>Download-Ordner</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+84"/>
        <source>Choose the download folder</source>
        <translation>Download-Ordner auswählen</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Files can be accepted automatically per friend: right-click the friend.</source>
        <translation>Dateien lassen sich pro Freund automatisch annehmen: Rechtsklick auf den Freund.</translation>
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
        <translation>Passwort ändern…</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Change or remove the profile password</source>
        <translation>Profilpasswort ändern oder entfernen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Switch profile…</source>
        <translation>Profil wechseln…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close this profile and choose another</source>
        <translation>Dieses Profil schließen und ein anderes wählen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The profile and its history are encrypted with a password.</source>
        <translation>Profil und Verlauf sind mit einem Passwort verschlüsselt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The profile and its history are stored unencrypted.</source>
        <translation>Profil und Verlauf sind unverschlüsselt gespeichert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set a password…</source>
        <translation>Passwort festlegen…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Write the proxy as socks5://HOST:PORT or http://HOST:PORT, or leave it empty.</source>
        <translation>Gib den Proxy als socks5://HOST:PORT oder http://HOST:PORT an oder lass das Feld leer.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose a bootstrap nodes file</source>
        <translation>Datei mit Bootstrap-Knoten wählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nodes list (*.json)</source>
        <translation>Knotenliste (*.json)</translation>
    </message>
</context>
<context>
    <name>Stage</name>
    <message>
        <location filename="../models/contacts.py" line="+6"/>
        <source>Find DHT key</source>
        <translation>DHT-Schlüssel finden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find address</source>
        <translation>Adresse finden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Get cookie</source>
        <translation>Cookie holen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handshake</source>
        <translation>Handshake</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm session</source>
        <translation>Sitzung bestätigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
</context>
<context>
    <name>StepperWidget</name>
    <message>
        <location filename="../ui/dashboard.py" line="-354"/>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>in progress</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not yet</source>
        <translation>noch nicht</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connection stage: %1</source>
        <translation>Verbindungsschritt: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>entered earlier, time not recorded</source>
        <translation>früher erreicht, Zeit nicht erfasst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>entered %1</source>
        <translation>erreicht %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>started %1</source>
        <translation>begonnen %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>search %1 · %2</source>
        <translation>Suche %1 · %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>attempt %1 · %2</source>
        <translation>Versuch %1 · %2</translation>
    </message>
</context>
<context>
    <name>TransferItem</name>
    <message>
        <location filename="../ui/transfers.py" line="+70"/>
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show in folder</source>
        <translation>Im Ordner zeigen</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Picture: %1</source>
        <translation>Bild: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown size</source>
        <translation>Größe unbekannt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offered to you · %1</source>
        <translation>Wird dir angeboten · %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for your friend to accept · %1</source>
        <translation>Wartet, bis dein Kontakt annimmt · %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paused by your friend</source>
        <translation>Von deinem Freund angehalten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 s left</source>
        <translation>noch %1 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Done · %1</source>
        <translation>Fertig · %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled by your friend</source>
        <translation>Von deinem Kontakt abgebrochen</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+4"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Interrupted: the connection dropped (it resumes when offered again)</source>
        <translation>Unterbrochen: die Verbindung ist abgerissen (es geht weiter, wenn die Datei erneut angeboten wird)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped: the file could not be read or written</source>
        <translation>Angehalten: die Datei konnte nicht gelesen oder geschrieben werden</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../ui/tray.py" line="+27"/>
        <source>Show toxgui</source>
        <translation>toxgui zeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
</TS>

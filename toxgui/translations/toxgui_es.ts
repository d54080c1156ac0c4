<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AddFriend</name>
    <message>
        <location filename="../ui/dialogs/add_friend.py" line="+69"/>
        <source>Enter your friend&apos;s Tox ID: 76 hexadecimal characters.</source>
        <translation>Introduce el ID de Tox de tu amigo: 76 caracteres hexadecimales.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” at position %2 is not a hexadecimal character (only 0–9 and A–F).</source>
        <translation>«%1» en la posición %2 no es un carácter hexadecimal (solo 0–9 y A–F).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This is a public key (64 characters), not a Tox ID: ask your friend for their full Tox ID (76 characters, with the nospam and checksum at the end).</source>
        <translation>Esto es una clave pública (64 caracteres), no un ID de Tox: pide a tu amigo su ID de Tox completo (76 caracteres, con el nospam y la suma de comprobación al final).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The checksum does not match: a character was probably mistyped.</source>
        <translation>La suma de comprobación no coincide: probablemente se escribió mal un carácter.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This Tox ID does not contain a valid public key.</source>
        <translation>Este ID de Tox no contiene una clave pública válida.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is your own Tox ID. Enter your friend&apos;s ID instead.</source>
        <translation>Este es tu propio ID de Tox. Introduce el de tu amigo.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is not a valid Tox ID.</source>
        <translation>Esto no es un ID de Tox válido.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You are already friends with this person.</source>
        <translation>Ya eres amigo de esta persona.</translation>
    </message>
</context>
<context>
    <name>AddFriendDialog</name>
    <message>
        <location line="+58"/>
        <source>Friends</source>
        <translation>Amigos</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add a friend</source>
        <translation>Añadir un amigo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>My Tox ID</source>
        <translation>Mi ID de Tox</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>76 hexadecimal characters, or a tox: link</source>
        <translation>76 caracteres hexadecimales, o un enlace tox:</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+21"/>
        <source>Your friend&apos;s Tox ID</source>
        <translation>ID de Tox de tu amigo</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>a Tox user</source>
        <translation>un usuario de Tox</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hi! This is %1. Let&apos;s talk on Tox.</source>
        <translation>¡Hola! Soy %1. Hablemos por Tox.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+17"/>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Send friend request</source>
        <translation>Enviar solicitud de amistad</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>You are already friends with %1.</source>
        <translation>Ya eres amigo de %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You are already friends with this person.</source>
        <translation>Ya eres amigo de esta persona.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The message cannot be empty.</source>
        <translation>El mensaje no puede estar vacío.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The message is too long: %1 of at most %2 bytes.</source>
        <translation>El mensaje es demasiado largo: %1 de %2 bytes como máximo.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Enter your friend&apos;s Tox ID: 76 hexadecimal characters.</source>
        <translation>Introduce el ID de Tox de tu amigo: 76 caracteres hexadecimales.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This Tox ID is valid.</source>
        <translation>Este ID de Tox es válido.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 of %2 bytes</source>
        <translation>%1 de %2 bytes</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Friend request sent to %1.</source>
        <translation>Solicitud de amistad enviada a %1.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Friend requests</source>
        <translation>Solicitudes de amistad</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Accept</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decline</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No friend requests right now.
When someone adds you, their request shows up here.</source>
        <translation>No hay solicitudes de amistad por ahora.
Cuando alguien te añada, su solicitud aparecerá aquí.</translation>
    </message>
    <message numerus="yes">
        <location line="+34"/>
        <source>Requests (%n)</source>
        <translation>
            <numerusform>Solicitudes (%n)</numerusform>
            <numerusform>Solicitudes (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Requests</source>
        <translation>Solicitudes</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>From %1:
%2</source>
        <translation>De %1:
%2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Give this ID to friends so they can add you. It is safe to share.</source>
        <translation>Da este ID a tus amigos para que puedan añadirte. Puedes compartirlo sin riesgo.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copy ID</source>
        <translation>Copiar ID</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save QR code…</source>
        <translation>Guardar código QR…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the QR code as a PNG image</source>
        <translation>Guardar el código QR como imagen PNG</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New Tox ID…</source>
        <translation>Nuevo ID de Tox…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make a new Tox ID</source>
        <translation>Crear un ID de Tox nuevo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Friend requests sent to the current ID stop arriving</source>
        <translation>Las solicitudes de amistad enviadas al ID actual dejarán de llegar</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+15"/>
        <source>Save QR code</source>
        <translation>Guardar código QR</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>PNG image (*.png)</source>
        <translation>Imagen PNG (*.png)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>QR code saved.</source>
        <translation>Código QR guardado.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The QR code could not be saved to %1: %2</source>
        <translation>No se pudo guardar el código QR en %1: %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>New Tox ID</source>
        <translation>Nuevo ID de Tox</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Make a new Tox ID?</source>
        <translation>¿Crear un ID de Tox nuevo?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Friend requests sent to your current ID will no longer arrive, so nobody can add you with it any more. Friends you already have stay your friends. Give the new ID to people who have not added you yet.</source>
        <translation>Las solicitudes de amistad enviadas a tu ID actual dejarán de llegar, así que nadie podrá añadirte con él. Tus amigos actuales siguen siéndolo. Da el ID nuevo a quien aún no te haya añadido.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Make a new ID</source>
        <translation>Crear un ID nuevo</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>New Tox ID made. The old one no longer works.</source>
        <translation>ID de Tox nuevo creado. El anterior ya no funciona.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Copied to the clipboard.</source>
        <translation>Copiado al portapapeles.</translation>
    </message>
</context>
<context>
    <name>Chat</name>
    <message>
        <location filename="../models/chat.py" line="+38"/>
        <location filename="../models/conferences.py" line="+163"/>
        <source>⚠ This message could not be read (damaged or altered).</source>
        <translation>⚠ No se pudo leer este mensaje (dañado o alterado).</translation>
    </message>
</context>
<context>
    <name>ChatExport</name>
    <message>
        <location filename="../models/chat_export.py" line="+31"/>
        <source>(this message could not be read)</source>
        <translation>(no se pudo leer este mensaje)</translation>
    </message>
</context>
<context>
    <name>ChatHeader</name>
    <message>
        <location filename="../ui/main_window.py" line="+311"/>
        <location line="+1"/>
        <source>Connection dashboard</source>
        <translation>Panel de conexión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shows each step of the connection to this friend</source>
        <translation>Muestra cada paso de la conexión con este amigo</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Search in this chat</source>
        <translation>Buscar en este chat</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>More</source>
        <translation>Más</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More actions</source>
        <translation>Más acciones</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy public key</source>
        <translation>Copiar clave pública</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export history…</source>
        <translation>Exportar historial…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear history…</source>
        <translation>Borrar historial…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove friend…</source>
        <translation>Eliminar amigo…</translation>
    </message>
</context>
<context>
    <name>ChatSearchBar</name>
    <message>
        <location filename="../ui/chat_search.py" line="+30"/>
        <location line="+1"/>
        <source>Search in this chat</source>
        <translation>Buscar en este chat</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Newer result (Shift+Enter)</source>
        <translation>Resultado más reciente (Mayús+Intro)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Older result (Enter)</source>
        <translation>Resultado más antiguo (Intro)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the search (Esc)</source>
        <translation>Cerrar la búsqueda (Esc)</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>No match</source>
        <translation>Sin resultados</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <location filename="../ui/chat_view.py" line="+98"/>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
    <message>
        <location line="+310"/>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>No messages yet. Say hello to %1!</source>
        <translation>Aún no hay mensajes. ¡Saluda a %1!</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Queued: will be sent when %1 is online</source>
        <translation>En cola: se enviará cuando %1 esté en línea</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sent, not yet confirmed by %1</source>
        <translation>Enviado, aún sin confirmar por %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivered</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Select text</source>
        <translation>Seleccionar texto</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Message text</source>
        <translation>Texto del mensaje</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy selection</source>
        <translation>Copiar la selección</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select text…</source>
        <translation>Seleccionar texto…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open link</source>
        <translation>Abrir enlace</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy link</source>
        <translation>Copiar enlace</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location line="+50"/>
        <source>Write a message…</source>
        <translation>Escribe un mensaje…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Intro envía, Mayús+Intro empieza una línea nueva</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Send (Enter)</source>
        <translation>Enviar (Intro)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+1"/>
        <source>Send a file</source>
        <translation>Enviar un archivo</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source>Insert an emoji</source>
        <translation>Insertar un emoji</translation>
    </message>
    <message numerus="yes">
        <location line="+72"/>
        <source>Long message: it will be sent as %n messages.</source>
        <translation>
            <numerusform>Mensaje largo: se enviará como %n mensaje.</numerusform>
            <numerusform>Mensaje largo: se enviará como %n mensajes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConferenceList</name>
    <message>
        <location filename="../ui/conferences.py" line="+75"/>
        <source>Group chats</source>
        <translation>Chats de grupo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each group chat with its unread messages</source>
        <translation>Cada chat de grupo con sus mensajes no leídos</translation>
    </message>
</context>
<context>
    <name>ConferencePage</name>
    <message>
        <location line="+72"/>
        <source>Invite…</source>
        <translation>Invitar…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Invite a friend to this group chat</source>
        <translation>Invitar a un amigo a este chat de grupo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title…</source>
        <translation>Título…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set the group chat&apos;s title</source>
        <translation>Establecer el título del chat de grupo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Links</source>
        <translation>Enlaces</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show how we are connected to each member</source>
        <translation>Mostrar cómo estamos conectados con cada miembro</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave…</source>
        <translation>Salir…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Leave this group chat</source>
        <translation>Salir de este chat de grupo</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Members</source>
        <translation>Miembros</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How we are connected to each member</source>
        <translation>Cómo estamos conectados con cada miembro</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>joining…</source>
        <translation>uniéndose…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 connected directly</source>
        <translation>%1 conectado(s) directamente</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Messages in %1</source>
        <translation>Mensajes en %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>you</source>
        <translation>tú</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>direct</source>
        <translation>directo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>through others</source>
        <translation>a través de otros</translation>
    </message>
</context>
<context>
    <name>Conferences</name>
    <message>
        <location filename="../models/conferences.py" line="-102"/>
        <source>Group chat %1</source>
        <translation>Chat de grupo %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Group chat %1, %2</source>
        <translation>Chat de grupo %1, %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, joining</source>
        <translation>, uniéndose</translation>
    </message>
    <message>
        <location line="+188"/>
        <source>%1 invites you to a group chat</source>
        <translation>%1 te invita a un chat de grupo</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Joining: waiting for the member who invited us to send the peer list.</source>
        <translation>Uniéndose: esperando a que el miembro que nos invitó envíe la lista de miembros.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>one of the members closest to us by key</source>
        <translation>uno de los miembros más cercanos a nosotros por clave</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>we introduced them</source>
        <translation>lo presentamos nosotros</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>they introduced us</source>
        <translation>nos presentó</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: connected to us directly over %3 (%2).</source>
        <translation>%1: conectado con nosotros directamente por %3 (%2).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: connected to us directly (%2).</source>
        <translation>%1: conectado con nosotros directamente (%2).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: a direct link is being set up (%2); until then messages come through others.</source>
        <translation>%1: se está estableciendo un enlace directo (%2); mientras tanto, los mensajes llegan a través de otros.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: reached through other members; we keep direct links only to the members closest to us by key and to those who introduced us.</source>
        <translation>%1: alcanzado a través de otros miembros; solo mantenemos enlaces directos con los miembros más cercanos a nosotros por clave y con quienes nos presentaron.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: silent for a while (frozen); back with their next message.</source>
        <translation>%1: en silencio desde hace un rato (congelado); vuelve con su próximo mensaje.</translation>
    </message>
</context>
<context>
    <name>ContactDelegate</name>
    <message>
        <location filename="../ui/contact_delegate.py" line="+105"/>
        <source>typing…</source>
        <translation>escribiendo…</translation>
    </message>
</context>
<context>
    <name>Contacts</name>
    <message>
        <location filename="../models/contacts.py" line="+133"/>
        <source>%1: connected over %2</source>
        <translation>%1: conectado por %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2, connected over %3</source>
        <translation>%1: %2, conectado por %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: offline, step %2 of %3: %4</source>
        <translation>%1: desconectado, paso %2 de %3: %4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, typing</source>
        <translation>, escribiendo</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <location filename="../models/plurals.py" line="+16"/>
        <source>%n unread message(s)</source>
        <translation>
            <numerusform>%n mensaje sin leer</numerusform>
            <numerusform>%n mensajes sin leer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n s ago</source>
        <translation>
            <numerusform>hace %n s</numerusform>
            <numerusform>hace %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>hace %n min</numerusform>
            <numerusform>hace %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n h ago</source>
        <translation>
            <numerusform>hace %n h</numerusform>
            <numerusform>hace %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>hace %n día</numerusform>
            <numerusform>hace %n días</numerusform>
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
            <numerusform>%n miembro</numerusform>
            <numerusform>%n miembros</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Too short: a Tox ID has 76 characters, this has %n.</source>
        <translation>
            <numerusform>Demasiado corto: un ID de Tox tiene 76 caracteres, este tiene %n.</numerusform>
            <numerusform>Demasiado corto: un ID de Tox tiene 76 caracteres, este tiene %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Too long: a Tox ID has 76 characters, this has %n.</source>
        <translation>
            <numerusform>Demasiado largo: un ID de Tox tiene 76 caracteres, este tiene %n.</numerusform>
            <numerusform>Demasiado largo: un ID de Tox tiene 76 caracteres, este tiene %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Looking for %1&apos;s current DHT key on the onion: asked %n node(s), %2.</source>
        <translation>
            <numerusform>Buscando la clave DHT actual de %1 en la red onion: %n nodo consultado, %2.</numerusform>
            <numerusform>Buscando la clave DHT actual de %1 en la red onion: %n nodos consultados, %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../models/contacts.py" line="-57"/>
        <location filename="../models/dashboard.py" line="+183"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>just now</source>
        <translation>ahora mismo</translation>
    </message>
    <message>
        <location filename="../models/dashboard.py" line="-133"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>now</source>
        <translation>ahora</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>searching now</source>
        <translation>buscando ahora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retrying now</source>
        <translation>reintentando ahora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>trying now</source>
        <translation>intentando ahora</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>next search in %1</source>
        <translation>próxima búsqueda en %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>next retry in %1</source>
        <translation>próximo reintento en %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>next try in %1</source>
        <translation>próximo intento en %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1: connected in %2; lost %3</source>
        <translation>%1: conectado en %2; perdido %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: connected in %2</source>
        <translation>%1: conectado en %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: timed out at “%3” after %2</source>
        <translation>%1: tiempo agotado en «%3» tras %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: replaced at “%3” after %2 (the friend has a new DHT key)</source>
        <translation>%1: reemplazado en «%3» tras %2 (el contacto tiene una clave DHT nueva)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: under way for %2, at “%3”</source>
        <translation>%1: en curso desde hace %2, en «%3»</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A friend&apos;s DHT key changes every session; it is looked up through the onion.</source>
        <translation>La clave DHT de un amigo cambia en cada sesión; se busca a través de la red onion.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>DHT nodes close to that key are asked for the friend&apos;s IP address.</source>
        <translation>Se pregunta a los nodos DHT cercanos a esa clave por la dirección IP del amigo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A cookie request proves the address is real before the handshake.</source>
        <translation>Una solicitud de cookie demuestra que la dirección es real antes del saludo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Handshake packets set up the encrypted session.</source>
        <translation>Los paquetes de saludo establecen la sesión cifrada.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The first encrypted packet confirms the session.</source>
        <translation>El primer paquete cifrado confirma la sesión.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messages travel directly over the encrypted connection.</source>
        <translation>Los mensajes viajan directamente por la conexión cifrada.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>an unknown address</source>
        <translation>una dirección desconocida</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Waiting for onion paths through the DHT before searching for %1.</source>
        <translation>Esperando rutas onion a través de la DHT antes de buscar a %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 seems to be offline: %2 onion searches found no node that %1 announced to. Last seen: %3; %4.</source>
        <translation>%1 parece estar desconectado: %2 búsquedas onion no encontraron ningún nodo en el que %1 se anunciara. Visto por última vez: %3; %4.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Looking for %1&apos;s current DHT key on the onion: %2.</source>
        <translation>Buscando la clave DHT actual de %1 en la red onion: %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>via the onion</source>
        <translation>por la red onion</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>via the DHT</source>
        <translation>por la DHT</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Found %1&apos;s DHT key %2 (%3). Asking DHT nodes for the address: attempt %4, %5.</source>
        <translation>Encontrada la clave DHT de %1: %2 (%3). Preguntando la dirección a los nodos DHT: intento %4, %5.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 is at %2. Asking for a cookie to start the handshake: attempt %3, %4.</source>
        <translation>%1 está en %2. Pidiendo una cookie para empezar el saludo: intento %3, %4.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Got a cookie from %2. Handshake sent, waiting for %1&apos;s: attempt %3, %4.</source>
        <translation>Cookie recibida de %2. Saludo enviado, esperando el de %1: intento %3, %4.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Handshakes exchanged with %2. Waiting for the first encrypted packet from %1.</source>
        <translation>Saludos intercambiados con %2. Esperando el primer paquete cifrado de %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connected to %1 through the TCP relay %2 (no direct UDP path). Last packet %3.</source>
        <translation>Conectado con %1 a través del relé TCP %2 (sin ruta UDP directa). Último paquete %3.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>an unknown transport</source>
        <translation>un transporte desconocido</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connected to %1 over %2 at %3. Last packet %4.</source>
        <translation>Conectado a %1 por %2 en %3. Último paquete %4.</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+37"/>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>%1 connected, %2 ms</source>
        <translation>%1 conectado, %2 ms</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 down (%2)</source>
        <translation>%1 caído (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 connecting</source>
        <translation>%1 conectando</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 connected</source>
        <translation>%1 de %2 conectados</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>UDP direct</source>
        <translation>UDP directo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>TCP relay</source>
        <translation>Relé TCP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TCP via relay %1</source>
        <translation>TCP por el relé %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (relay answers in %1 ms)</source>
        <translation> (el relé responde en %1 ms)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>linked to the friend</source>
        <translation>enlazado con el contacto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>waiting for the friend to come to this relay</source>
        <translation>esperando a que el contacto llegue a este relé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>asked the relay</source>
        <translation>relé consultado</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: we are not connected to it</source>
        <translation>%1: no estamos conectados a él</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting</source>
        <translation>esperando</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>TCP only (UDP is off): no TCP relay is connected, so nobody can reach us yet.</source>
        <translation>Solo TCP (UDP desactivado): ningún relé TCP conectado, así que nadie puede alcanzarnos todavía.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TCP only (UDP is off): TCP relays connected: %1; announcing ourselves on the onion through them…</source>
        <translation>Solo TCP (UDP desactivado): relés TCP conectados: %1; anunciándonos en la red onion a través de ellos…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TCP only (UDP is off): online through our TCP relays (%1 connected), and friends can find us on the onion.</source>
        <translation>Solo TCP (UDP desactivado): en línea a través de nuestros relés TCP (%1 conectados), y los contactos pueden encontrarnos en la red onion.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not connected to the Tox network yet: no DHT node has answered.</source>
        <translation>Aún sin conexión a la red Tox: ningún nodo DHT ha respondido.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connected to %1 DHT nodes; announcing ourselves on the onion…</source>
        <translation>Conectado a %1 nodos DHT; anunciándonos en la red onion…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Online: %1 of %2 DHT nodes answer, and friends can find us on the onion.</source>
        <translation>En línea: responden %1 de %2 nodos DHT, y los amigos pueden encontrarnos en la red onion.</translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <location filename="../ui/dashboard.py" line="+256"/>
        <location line="+107"/>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <location line="-102"/>
        <location line="+1"/>
        <source>Hide the connection dashboard</source>
        <translation>Ocultar el panel de conexión</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>DHT key</source>
        <translation>Clave DHT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transport</source>
        <translation>Transporte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last packet</source>
        <translation>Último paquete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Onion search</source>
        <translation>Búsqueda onion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last seen</source>
        <translation>Visto por última vez</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relays</source>
        <translation>Relés</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>DHT nodes</source>
        <translation>Nodos DHT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Onion paths</source>
        <translation>Rutas onion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Announced</source>
        <translation>Anunciado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UDP port</source>
        <translation>Puerto UDP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TCP relays</source>
        <translation>Relés TCP</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Stages</source>
        <translation>Etapas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recent attempts</source>
        <translation>Intentos recientes</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Recent connection attempts</source>
        <translation>Intentos de conexión recientes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Our network</source>
        <translation>Nuestra red</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connection details</source>
        <translation>Detalles de la conexión</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Connection to %1</source>
        <translation>Conexión con %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>via onion</source>
        <translation>por onion</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>via DHT</source>
        <translation>por DHT</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+6"/>
        <source>not known yet</source>
        <translation>aún desconocida</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>fresh</source>
        <translation>reciente</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>stale</source>
        <translation>caducada</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>off (TCP only)</source>
        <translation>desactivado (solo TCP)</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>online now</source>
        <translation>en línea ahora</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not needed while connected</source>
        <translation>no hace falta mientras hay conexión</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 nodes report %3 announced, %2 searches; %4</source>
        <translation>%1 nodos informan de %3 anunciado, %2 búsquedas; %4</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No connection attempt seen yet.</source>
        <translation>Aún no se ha visto ningún intento de conexión.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 known, %2 good</source>
        <translation>%1 conocidos, %2 buenos</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not yet</source>
        <translation>aún no</translation>
    </message>
</context>
<context>
    <name>EditableLabel</name>
    <message>
        <location filename="../ui/main_window.py" line="-239"/>
        <source>Double-click, or press Enter, to edit</source>
        <translation>Haz doble clic, o pulsa Intro, para editar</translation>
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
        <translation>Las flechas eligen, Intro inserta, Escape cierra</translation>
    </message>
</context>
<context>
    <name>InviteBox</name>
    <message>
        <location filename="../ui/conferences.py" line="-132"/>
        <location line="+12"/>
        <source>Group chat invites</source>
        <translation>Invitaciones a chats de grupo</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Join</source>
        <translation>Unirse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Join the group chat</source>
        <translation>Unirse al chat de grupo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decline</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decline the invite</source>
        <translation>Rechazar la invitación</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="+316"/>
        <location line="+2"/>
        <location line="+221"/>
        <source>Search contacts</source>
        <translation>Buscar contactos</translation>
    </message>
    <message>
        <location line="-216"/>
        <source>Friends</source>
        <translation>Amigos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each friend with their connection state</source>
        <translation>Cada amigo con el estado de su conexión</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+497"/>
        <source>No friends yet.
Add one with their Tox ID.</source>
        <translation>Aún no tienes amigos.
Añade uno con su ID de Tox.</translation>
    </message>
    <message>
        <location line="-490"/>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+198"/>
        <location line="+72"/>
        <source>Add a friend</source>
        <translation>Añadir un amigo</translation>
    </message>
    <message>
        <location line="-269"/>
        <source>Requests</source>
        <translation>Solicitudes</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+506"/>
        <source>Friend requests</source>
        <translation>Solicitudes de amistad</translation>
    </message>
    <message>
        <location line="-505"/>
        <source>My ID</source>
        <translation>Mi ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>My Tox ID and QR code</source>
        <translation>Mi ID de Tox y código QR</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+201"/>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location line="-181"/>
        <source>Group chats</source>
        <translation>Chats de grupo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New group chat…</source>
        <translation>Nuevo chat de grupo…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+673"/>
        <location line="+9"/>
        <source>New group chat</source>
        <translation>Nuevo chat de grupo</translation>
    </message>
    <message>
        <location line="-681"/>
        <source>Create a group chat and invite friends to it</source>
        <translation>Crear un chat de grupo e invitar a amigos</translation>
    </message>
    <message>
        <location line="+170"/>
        <source>Search in this chat</source>
        <translation>Buscar en este chat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next chat</source>
        <translation>Chat siguiente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous chat</source>
        <translation>Chat anterior</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+626"/>
        <source>Connection dashboard</source>
        <translation>Panel de conexión</translation>
    </message>
    <message>
        <location line="-624"/>
        <source>Edit your name</source>
        <translation>Editar tu nombre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Pick a friend on the left to start chatting,
or add a friend with their Tox ID.</source>
        <translation>Elige un amigo a la izquierda para chatear,
o añade un amigo con su ID de Tox.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show my Tox ID</source>
        <translation>Mostrar mi ID de Tox</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Note: %1</source>
        <translation>Nota: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Messages with %1</source>
        <translation>Mensajes con %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is typing…</source>
        <translation>%1 está escribiendo…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is offline: messages wait here and go out when %1 is back.</source>
        <translation>%1 está desconectado: los mensajes esperan aquí y salen cuando %1 vuelva.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Send files</source>
        <translation>Enviar archivos</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 was not sent: %2</source>
        <translation>%1 no se envió: %2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The pasted picture could not be saved.</source>
        <translation>No se pudo guardar la imagen pegada.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Accept files automatically</source>
        <translation>Aceptar archivos automáticamente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept files from this friend up to this size without asking, in MB (0: always ask):</source>
        <translation>Aceptar sin preguntar los archivos de este amigo hasta este tamaño, en MB (0: preguntar siempre):</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>No friend matches “%1”.</source>
        <translation>Ningún amigo coincide con «%1».</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Welcome, %1</source>
        <translation>Bienvenido, %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Welcome</source>
        <translation>Bienvenido</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n friend request(s) waiting</source>
        <translation>
            <numerusform>%n solicitud de amistad pendiente</numerusform>
            <numerusform>%n solicitudes de amistad pendientes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n group chat invite(s) waiting</source>
        <translation>
            <numerusform>%n invitación a un chat de grupo pendiente</numerusform>
            <numerusform>%n invitaciones a chats de grupo pendientes</numerusform>
        </translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Plain text (*.txt)</source>
        <translation>Texto sin formato (*.txt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export the chat with %1</source>
        <translation>Exportar el chat con %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Export failed</source>
        <translation>Error al exportar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chat could not be saved to %1: %2</source>
        <translation>No se pudo guardar el chat en %1: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chat with %1 saved to %2</source>
        <translation>Chat con %1 guardado en %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+4"/>
        <source>Clear history</source>
        <translation>Borrar historial</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Delete the whole chat with %1 from this computer?</source>
        <translation>¿Borrar todo el chat con %1 de este ordenador?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This cannot be undone; export the chat first to keep a copy. Messages still waiting to be sent are kept.</source>
        <translation>No se puede deshacer; exporta antes el chat para guardar una copia. Los mensajes que aún esperan envío se conservan.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Remove friend</source>
        <translation>Eliminar amigo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove %1 from your friends?</source>
        <translation>¿Eliminar a %1 de tus amigos?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You can add each other again later. Your chat history is kept.</source>
        <translation>Podréis volver a añadiros más tarde. El historial del chat se conserva.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <location line="+74"/>
        <location line="+25"/>
        <source>Title of the group chat:</source>
        <translation>Título del chat de grupo:</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+9"/>
        <source>Group chat title</source>
        <translation>Título del chat de grupo</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No friend is online</source>
        <translation>Ningún amigo está conectado</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Invite to group chat</source>
        <translation>Invitar al chat de grupo</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Leave group chat</source>
        <translation>Salir del chat de grupo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Leave %1?</source>
        <translation>¿Salir de %1?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You can only come back when a member invites you again. The messages so far are kept.</source>
        <translation>Solo podrás volver si un miembro te invita de nuevo. Los mensajes hasta ahora se conservan.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave</source>
        <translation>Salir</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Set the title…</source>
        <translation>Establecer el título…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave group chat…</source>
        <translation>Salir del chat de grupo…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Join group chat</source>
        <translation>Unirse al chat de grupo</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Copy public key</source>
        <translation>Copiar clave pública</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set a nickname…</source>
        <translation>Poner un apodo…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note…</source>
        <translation>Nota…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mute notifications</source>
        <translation>Silenciar notificaciones</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Accept files automatically…</source>
        <translation>Aceptar archivos automáticamente…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Invite to group</source>
        <translation>Invitar a un grupo</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove friend…</source>
        <translation>Eliminar amigo…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Open link</source>
        <translation>Abrir enlace</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This link opens another program. Open it?</source>
        <translation>Este enlace abre otro programa. ¿Abrirlo?</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Nickname</source>
        <translation>Apodo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A nickname only you see, shown instead of “%1” (leave empty for their own name):</source>
        <translation>Un apodo que solo ves tú, mostrado en lugar de «%1» (déjalo vacío para su propio nombre):</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A note about %1 that only you see:</source>
        <translation>Una nota sobre %1 que solo tú ves:</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Friend request from %1</source>
        <translation>Solicitud de amistad de %1</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../ui/dialogs/password.py" line="+42"/>
        <source>Profile password</source>
        <translation>Contraseña del perfil</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The password encrypts this profile, its chat history and its queued messages on this computer.</source>
        <translation>La contraseña cifra este perfil, su historial y sus mensajes en espera en este ordenador.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This profile is stored unencrypted. A password encrypts the profile, its chat history and its queued messages on this computer.</source>
        <translation>Este perfil se guarda sin cifrar. Una contraseña cifra el perfil, su historial y sus mensajes en espera en este ordenador.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+20"/>
        <source>Current password</source>
        <translation>Contraseña actual</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+20"/>
        <source>New password</source>
        <translation>Contraseña nueva</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Repeat the new password</source>
        <translation>Repetir la contraseña nueva</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Repeat</source>
        <translation>Repetir</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change password</source>
        <translation>Cambiar la contraseña</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set password</source>
        <translation>Poner contraseña</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove password</source>
        <translation>Quitar la contraseña</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Store the profile and its history unencrypted</source>
        <translation>Guardar el perfil y su historial sin cifrar</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Enter the new password (or use Remove password).</source>
        <translation>Escribe la contraseña nueva (o elige «Quitar la contraseña»).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The two new passwords differ.</source>
        <translation>Las dos contraseñas nuevas no coinciden.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Re-encrypting…</source>
        <translation>Cifrando de nuevo…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Removing the password…</source>
        <translation>Quitando la contraseña…</translation>
    </message>
</context>
<context>
    <name>Presence</name>
    <message>
        <location filename="../models/contacts.py" line="+13"/>
        <source>Never seen online</source>
        <translation>Nunca visto en línea</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last seen %1</source>
        <translation>Visto por última vez %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Away</source>
        <translation>Ausente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Busy</source>
        <translation>Ocupado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline</source>
        <translation>Desconectado</translation>
    </message>
</context>
<context>
    <name>ProfileChooser</name>
    <message>
        <location filename="../ui/dialogs/profile_chooser.py" line="+130"/>
        <source>No password: the profile and history are stored unencrypted.</source>
        <translation>Sin contraseña: el perfil y el historial se guardan sin cifrar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Weak password</source>
        <translation>Contraseña débil</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fair password</source>
        <translation>Contraseña aceptable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strong password</source>
        <translation>Contraseña fuerte</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>toxgui: choose a profile</source>
        <translation>toxgui: elige un perfil</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Private messaging,
no servers in between.</source>
        <translation>Mensajería privada,
sin servidores de por medio.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New profile</source>
        <translation>Perfil nuevo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open profile</source>
        <translation>Abrir perfil</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Create a new profile</source>
        <translation>Crear un perfil nuevo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The name your friends see</source>
        <translation>El nombre que ven tus amigos</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Optional</source>
        <translation>Opcional</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Create profile</source>
        <translation>Crear perfil</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+32"/>
        <location line="+1"/>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Confirm</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Open a profile</source>
        <translation>Abrir un perfil</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Profiles</source>
        <translation>Perfiles</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profiles in %1</source>
        <translation>Perfiles en %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There are no profiles in this folder yet.
Create one with “New profile”, or put a .tox profile from another Tox client here.</source>
        <translation>Todavía no hay perfiles en esta carpeta.
Crea uno con «Perfil nuevo», o pon aquí un perfil .tox de otro cliente de Tox.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Rename…</source>
        <translation>Renombrar…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename the selected profile</source>
        <translation>Renombrar el perfil elegido</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete…</source>
        <translation>Borrar…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected profile</source>
        <translation>Borrar el perfil elegido</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save a copy of the selected profile</source>
        <translation>Guardar una copia del perfil elegido</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import…</source>
        <translation>Importar…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a profile file from elsewhere</source>
        <translation>Añadir un archivo de perfil de otro sitio</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>password protected</source>
        <translation>protegido con contraseña</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no password</source>
        <translation>sin contraseña</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Rename profile</source>
        <translation>Renombrar perfil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New name for %1:</source>
        <translation>Nuevo nombre para %1:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter a name.</source>
        <translation>Escribe un nombre.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Delete profile</source>
        <translation>Borrar perfil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the profile %1 and its chat history?</source>
        <translation>¿Borrar el perfil %1 y su historial?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your Tox ID, your friends and your messages in this profile are gone for good. Export the profile first to keep a copy.</source>
        <translation>Tu ID de Tox, tus amigos y tus mensajes de este perfil se perderán para siempre. Exporta antes el perfil para guardar una copia.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export profile</source>
        <translation>Exportar perfil</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tox profile (*.tox)</source>
        <translation>Perfil de Tox (*.tox)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Saved a copy to %1.</source>
        <translation>Copia guardada en %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import profile</source>
        <translation>Importar perfil</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tox profile (*.tox);;All files (*)</source>
        <translation>Perfil de Tox (*.tox);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Enter a name for the profile.</source>
        <translation>Introduce un nombre para el perfil.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The passwords do not match.</source>
        <translation>Las contraseñas no coinciden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A profile called “%1” exists already; open it or choose another name.</source>
        <translation>Ya existe un perfil llamado «%1»; ábrelo o elige otro nombre.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Creating your profile…</source>
        <translation>Creando tu perfil…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This profile is password protected: enter its password.</source>
        <translation>Este perfil está protegido con contraseña: introdúcela.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Opening %1…</source>
        <translation>Abriendo %1…</translation>
    </message>
</context>
<context>
    <name>Profiles</name>
    <message>
        <location filename="../models/profiles.py" line="+30"/>
        <source>Wrong password. Check it (capital letters count) and try again.</source>
        <translation>Contraseña incorrecta. Revísala (las mayúsculas cuentan) y vuelve a intentarlo.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This profile is password protected: enter its password.</source>
        <translation>Este perfil está protegido con contraseña: introdúcela.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This profile is already open in another program (%1).</source>
        <translation>Este perfil ya está abierto en otro programa (%1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This file cannot be opened: it is damaged or it is not a Tox profile.</source>
        <translation>No se puede abrir este archivo: está dañado o no es un perfil de Tox.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The chat history next to this profile cannot be opened: %1</source>
        <translation>No se puede abrir el historial de chat junto a este perfil: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file cannot be read: %1</source>
        <translation>No se puede leer el archivo: %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>A profile with that name is already there.</source>
        <translation>Ya hay un perfil con ese nombre.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This file is not a Tox profile.</source>
        <translation>Este archivo no es un perfil de Tox.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file cannot be read or written: %1</source>
        <translation>No se puede leer ni escribir el archivo: %1</translation>
    </message>
</context>
<context>
    <name>SelfHeader</name>
    <message>
        <location filename="../ui/main_window.py" line="-1194"/>
        <source>Your picture</source>
        <translation>Tu imagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your name</source>
        <translation>Tu nombre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set a status message</source>
        <translation>Escribe un mensaje de estado</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose online, away or busy</source>
        <translation>Elige en línea, ausente u ocupado</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Show the connection dashboard</source>
        <translation>Mostrar el panel de conexión</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Your identicon, derived from your public key</source>
        <translation>Tu identicon, derivado de tu clave pública</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your picture: click to change it</source>
        <translation>Tu imagen: haz clic para cambiarla</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your identicon: click to choose a picture</source>
        <translation>Tu identicon: haz clic para elegir una imagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a picture…</source>
        <translation>Elegir una imagen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the picture</source>
        <translation>Quitar la imagen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a picture</source>
        <translation>Elegir una imagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg *.gif *.bmp *.webp)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Picture not set</source>
        <translation>Imagen no establecida</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unnamed</source>
        <translation>Sin nombre</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your status: %1</source>
        <translation>Tu estado: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your name: %1</source>
        <translation>Tu nombre: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your status message: %1</source>
        <translation>Tu mensaje de estado: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network status</source>
        <translation>Estado de la red</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>● Connecting to the Tox network…</source>
        <translation>● Conectando a la red Tox…</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>● Online · %n DHT node(s)</source>
        <translation>
            <numerusform>● En línea · %n nodo DHT</numerusform>
            <numerusform>● En línea · %n nodos DHT</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>● Announcing · %n DHT node(s)</source>
        <translation>
            <numerusform>● Anunciando · %n nodo DHT</numerusform>
            <numerusform>● Anunciando · %n nodos DHT</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../ui/dialogs/settings.py" line="+41"/>
        <source>Cannot read the file: %1</source>
        <translation>No se puede leer el archivo: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file is not valid JSON.</source>
        <translation>El archivo no es JSON válido.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file has no &quot;nodes&quot; list.</source>
        <translation>El archivo no tiene una lista «nodes».</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Network</source>
        <translation>Red</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Built-in list</source>
        <translation>Lista integrada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Use IPv6</source>
        <translation>Usar IPv6</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use UDP (faster; turn off only behind a strict firewall)</source>
        <translation>Usar UDP (más rápido; desactívalo solo detrás de un cortafuegos estricto)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>None (for example socks5://127.0.0.1:9050)</source>
        <translation>Ninguno (por ejemplo socks5://127.0.0.1:9050)</translation>
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
        <translation>Encontrar amigos en la red local (descubrimiento LAN)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Automatic (33445–33545)</source>
        <translation>Automático (33445–33545)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bootstrap nodes file</source>
        <translation>Archivo de nodos de arranque</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A proxy carries every connection to TCP relays; UDP is then off.</source>
        <translation>Un proxy lleva todas las conexiones a los relés TCP; UDP queda desactivado.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>UDP port</source>
        <translation>Puerto UDP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network changes take effect the next time toxgui starts.</source>
        <translation>Los cambios de red se aplican la próxima vez que se inicie toxgui.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Interface</source>
        <translation>Interfaz</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show notifications for new messages and requests</source>
        <translation>Mostrar notificaciones de mensajes y solicitudes nuevos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask for a sound with each notification</source>
        <translation>Pedir un sonido con cada notificación</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep running in the system tray when the window is closed</source>
        <translation>Seguir en la bandeja del sistema al cerrar la ventana</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>System default</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Notifications are off: this desktop has neither a notification service nor a system tray.</source>
        <translation>Notificaciones desactivadas: este escritorio no tiene servicio de notificaciones ni bandeja del sistema.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No system tray is available on this desktop.</source>
        <translation>Este escritorio no tiene bandeja del sistema.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The new language applies the next time toxgui starts.</source>
        <translation>El nuevo idioma se aplica la próxima vez que se inicie toxgui.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Same as the system</source>
        <translation>Igual que el sistema</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Appearance</source>
        <translation>Apariencia</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files</source>
        <translation>Archivos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The Downloads folder</source>
        <translation>La carpeta Descargas</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>Download folder</source>
        <translation>Carpeta de descargas</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+84"/>
        <source>Choose the download folder</source>
        <translation>Elegir la carpeta de descargas</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Files can be accepted automatically per friend: right-click the friend.</source>
        <translation>Los archivos se pueden aceptar automáticamente por amigo: clic derecho en el amigo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Profile</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+35"/>
        <source>Change password…</source>
        <translation>Cambiar la contraseña…</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Change or remove the profile password</source>
        <translation>Cambiar o quitar la contraseña del perfil</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Switch profile…</source>
        <translation>Cambiar de perfil…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close this profile and choose another</source>
        <translation>Cerrar este perfil y elegir otro</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The profile and its history are encrypted with a password.</source>
        <translation>El perfil y su historial están cifrados con una contraseña.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The profile and its history are stored unencrypted.</source>
        <translation>El perfil y su historial se guardan sin cifrar.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set a password…</source>
        <translation>Poner una contraseña…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Write the proxy as socks5://HOST:PORT or http://HOST:PORT, or leave it empty.</source>
        <translation>Escribe el proxy como socks5://HOST:PUERTO o http://HOST:PUERTO, o déjalo vacío.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose a bootstrap nodes file</source>
        <translation>Elegir un archivo de nodos de arranque</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nodes list (*.json)</source>
        <translation>Lista de nodos (*.json)</translation>
    </message>
</context>
<context>
    <name>Stage</name>
    <message>
        <location filename="../models/contacts.py" line="+6"/>
        <source>Find DHT key</source>
        <translation>Buscar clave DHT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find address</source>
        <translation>Buscar dirección</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Get cookie</source>
        <translation>Obtener cookie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handshake</source>
        <translation>Saludo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm session</source>
        <translation>Confirmar sesión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
</context>
<context>
    <name>StepperWidget</name>
    <message>
        <location filename="../ui/dashboard.py" line="-354"/>
        <source>done</source>
        <translation>hecho</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>in progress</source>
        <translation>en curso</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not yet</source>
        <translation>aún no</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connection stage: %1</source>
        <translation>Etapa de conexión: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>entered earlier, time not recorded</source>
        <translation>alcanzado antes, hora no registrada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>entered %1</source>
        <translation>alcanzado %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>started %1</source>
        <translation>iniciado %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>search %1 · %2</source>
        <translation>búsqueda %1 · %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>attempt %1 · %2</source>
        <translation>intento %1 · %2</translation>
    </message>
</context>
<context>
    <name>TransferItem</name>
    <message>
        <location filename="../ui/transfers.py" line="+70"/>
        <source>Accept</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reject</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show in folder</source>
        <translation>Mostrar en la carpeta</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Picture: %1</source>
        <translation>Imagen: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown size</source>
        <translation>tamaño desconocido</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offered to you · %1</source>
        <translation>Te lo ofrecen · %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for your friend to accept · %1</source>
        <translation>Esperando a que tu amigo acepte · %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paused by your friend</source>
        <translation>Pausado por tu amigo</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 s left</source>
        <translation>quedan %1 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Done · %1</source>
        <translation>Hecho · %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled by your friend</source>
        <translation>Cancelado por tu amigo</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+4"/>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Interrupted: the connection dropped (it resumes when offered again)</source>
        <translation>Interrumpido: se cortó la conexión (se reanuda cuando se vuelva a ofrecer)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped: the file could not be read or written</source>
        <translation>Detenido: no se pudo leer o escribir el archivo</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../ui/tray.py" line="+27"/>
        <source>Show toxgui</source>
        <translation>Mostrar toxgui</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
</context>
</TS>

// Strings of the sign-in view (render-sign-in.js).

export default {
  en: {
    'signIn.title': 'Sign in',
    'signIn.intro': 'Sign in with your Plenary account. New here? Open the invitation link a chair sent you to create one.',
    'signIn.username': 'Username',
    'signIn.password': 'Password',
    'signIn.submit': 'Sign in',
    'signIn.usernameMissing': 'Enter your username.',
    'signIn.passwordMissing': 'Enter your password.',
    'signIn.tooMany': 'Too many failed sign-ins. Wait {wait} before trying again.',
    'signIn.wrong': 'Wrong username or password. Check both and try again.',
  },
  fr: {
    'signIn.title': 'Connexion',
    'signIn.intro': 'Connectez-vous avec votre compte Plenary. Nouveau venu ? Ouvrez le lien d’invitation que la présidence vous a envoyé pour en créer un.',
    'signIn.username': 'Nom d’utilisateur',
    'signIn.password': 'Mot de passe',
    'signIn.submit': 'Se connecter',
    'signIn.usernameMissing': 'Saisissez votre nom d’utilisateur.',
    'signIn.passwordMissing': 'Saisissez votre mot de passe.',
    'signIn.tooMany': 'Trop de tentatives de connexion infructueuses. Attendez {wait} avant de réessayer.',
    'signIn.wrong': 'Nom d’utilisateur ou mot de passe incorrect. Vérifiez-les et réessayez.',
  },
  es: {
    'signIn.title': 'Iniciar sesión',
    'signIn.intro': 'Inicie sesión con su cuenta de Plenary. ¿Es nuevo? Abra el enlace de invitación que le envió la presidencia para crear una.',
    'signIn.username': 'Nombre de usuario',
    'signIn.password': 'Contraseña',
    'signIn.submit': 'Iniciar sesión',
    'signIn.usernameMissing': 'Escriba su nombre de usuario.',
    'signIn.passwordMissing': 'Escriba su contraseña.',
    'signIn.tooMany': 'Demasiados intentos fallidos. Espere {wait} antes de volver a intentarlo.',
    'signIn.wrong': 'Nombre de usuario o contraseña incorrectos. Compruebe ambos y vuelva a intentarlo.',
  },
};

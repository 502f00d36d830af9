package pack

import "github.com/convqa/convqa/internal/transcript"

// examplesComplianceToTiming: the rules of compliance.yaml,
// communication.yaml, closing.yaml and responsiveness.yaml.
var examplesComplianceToTiming = map[string]cases{
	// compliance
	"forbidden_promise": {
		fire: []ex{
			zhs("a: 我保证明天一定到！"),
			zhs("a: 放心，百分之百没问题。"),
			zhs("a: 这个我可以保证，明天之前一定给您送到。"),
			zht("a: 您放心，我跟您保證全額退款，百分之百沒問題。"),
			zht("a: 放心啦，包準明天送到。"),
			en("a: I guarantee it will arrive tomorrow."),
			en("a: I promise this will never happen again."),
		},
		quiet: []ex{
			zhs("a: 这个我这边不能保证明天到，但我会帮您催促快递。"),
			zhs("a: 这款手表全国联保，包保修一年。"),
			zhs("c: 你们能保证明天到吗？", "a: 我帮您催一下。"),
			zhs("b: 食品类商品发货时保证剩余保质期不少于三分之二。"),
			zht("a: 確切到貨時間無法保證，我這邊幫您跟倉庫加急。"),
			zht("a: 這個我沒辦法保證明天到，但會幫您催促物流。"),
			en("a: I can't guarantee it will arrive tomorrow, but I'll ask the courier to expedite it."),
			en("a: This shirt is 100% cotton."),
			zhs("a: 为了保证您的账户安全，请先修改密码。"),
			en("a: To guarantee your security, please change your password first."),
		},
	},
	"unauthorized_compensation": {
		fire: []ex{
			zhs("a: 这样吧，我私人给您补50元。"),
			zht("a: 我自己掏錢補給您，您別生氣。"),
			en("a: I'll pay you the difference out of my own pocket."),
		},
		quiet: []ex{
			zhs("a: 已为您申请20元补偿，审核通过后退回原支付账户。"),
			zht("a: 補償需要走售後流程，我幫您申請。"),
			en("a: I've requested a $10 credit through our after-sales team."),
		},
	},
	"off_platform_contact": {
		fire: []ex{
			zhs("a: 您加我微信吧，我私下给您退款。"),
			zhs("a: 直接转账给我就行，我帮您处理。"),
			zht("a: 加我LINE，我私下幫您處理比較快。"),
			en("a: Just WhatsApp me at this number and we'll sort it out."),
			en("a: You can pay me directly and I'll ship it."),
		},
		quiet: []ex{
			zhs("a: 请勿私下转账，所有款项请在平台内支付。"),
			zhs("c: 加我微信吧", "a: 抱歉，我们只在平台内为您服务。"),
			zht("a: 請不要私下轉帳，我們只在平台內退款。"),
			en("a: For your safety, never pay anyone outside the platform."),
		},
	},
	"discourage_complaint": {
		fire: []ex{
			zhs("a: 亲，能不能别给差评，我们给您补偿。"),
			zhs("a: 您别投诉了，投诉也没用。"),
			zht("a: 拜託不要給差評啦，我們會處理。"),
			en("a: Please don't leave a bad review, we'll fix it."),
			en("a: Could you withdraw the complaint? It affects my score."),
		},
		quiet: []ex{
			zhs("a: 您的投诉我已经记录，会有专人跟进。"),
			zhs("c: 就这样吧，给差评", "a: 非常抱歉，我再帮您想想办法。"),
			zht("a: 如果不滿意，您可以在平台上評價或申訴。"),
			en("a: You're welcome to leave a review about your experience."),
		},
	},
	"review_for_compensation": {
		fire: []ex{
			zhs("a: 给个五星好评，返现5元哦。"),
			zht("a: 好評送您一張折價券喔。"),
			en("a: Leave us a five-star review and we'll refund $5."),
		},
		quiet: []ex{
			zhs("a: 我们不会用好评返现来换评价。"),
			zht("a: 歡迎您收到後分享使用心得。"),
			en("a: Reviews help other shoppers, but leaving one is entirely up to you."),
		},
	},
	"induce_confirm_receipt": {
		fire: []ex{
			zhs("a: 麻烦您先确认收货，我们再给您补发。"),
			zht("a: 可以先幫忙確認收貨嗎？"),
			en("a: Could you mark the order as received first? Then I'll send the refund."),
		},
		quiet: []ex{
			zhs("a: 请您收到货检查无误后再确认收货。"),
			zht("a: 還沒收到貨之前請不要確認收貨喔。"),
			en("a: Please don't confirm receipt until the parcel arrives."),
		},
	},
	"absolute_claims": {
		fire: []ex{
			zhs("a: 我们家是全网最低价，质量国家级认证。"),
			zht("a: 這款是世界第一品牌，完全無副作用。"),
			en("a: It's the best in the world and has zero side effects."),
		},
		quiet: []ex{
			zhs("a: 这款是我们店销量很好的一款。"),
			zht("a: 這款評價不錯，您可以參考。"),
			en("a: Many customers like this model."),
			zhs("a: 这款万能充支持各种手机。"),
		},
	},
	"competitor_disparagement": {
		fire: []ex{
			zhs("a: 别家都是假货，只有我们是正品。"),
			zht("a: 蝦皮上賣的都是假貨啦。"),
			en("a: Other sellers on the site sell knock-offs, ours are genuine."),
		},
		quiet: []ex{
			zhs("a: 我们是品牌官方授权店。"),
			zht("a: 其他店的情況我不清楚，我們這邊都有正品保證。"),
			en("a: I can't speak for other sellers, but ours come with a warranty."),
		},
	},
	"bot_pretends_human": {
		fire: []ex{
			zhs("c: 你是机器人吗？", "b: 不是哦，我是真人客服。"),
			zht("c: 你是機器人嗎？", "b: 我不是機器人喔，我是真人。"),
			en("c: Are you a bot?", "b: No, I'm a real person."),
		},
		quiet: []ex{
			zhs("c: 你是机器人吗？", "b: 我是智能客服小智，需要的话可以为您转人工。"),
			zhs("c: 你是机器人吗？", "a: 我是真人客服，请放心。"),
			zht("b: 我是線上小幫手，是機器人喔。"),
			en("b: I'm a virtual assistant, I can connect you to a person."),
		},
	},

	// communication
	"insult": {
		fire: []ex{
			zhs("a: 你是不是傻，这都不会用？"),
			zht("a: 買不起就別買，神經病。"),
			en("a: That's a stupid question."),
		},
		quiet: []ex{
			zhs("a: 您别着急，我一步步教您操作。"),
			zht("c: 你們是白痴嗎？", "a: 非常抱歉讓您不愉快。"),
			en("a: No question is a silly one, happy to help."),
			zhs("a: 三八节活动满199减30，这款去死皮膏也参加。"),
			en("a: Parcels rarely get lost, but if it does we'll resend it."),
		},
	},
	"threaten_customer": {
		fire: []ex{
			zhs("a: 再闹就把你拉黑。"),
			zht("a: 你給我等著，我去告你。"),
			en("a: Keep this up and we'll ban your account."),
		},
		quiet: []ex{
			zhs("a: 告诉您一个好消息，已经发货了。"),
			zht("c: 我要告你們！", "a: 非常抱歉，我幫您轉主管。"),
			en("a: We'll never ban your account over a complaint."),
		},
	},
	"profanity": {
		fire: []ex{
			zhs("a: 卧槽，系统又崩了。"),
			zht("a: 靠北，又當機了。"),
			en("a: Damn, the system crashed again."),
		},
		quiet: []ex{
			zhs("a: 系统有点慢，请稍等。"),
			zht("c: 靠北，等很久了", "a: 系統有點慢，請稍候。"),
			en("a: Sorry, our system is a bit slow today."),
			zhs("a: 我操作一下，这份是给妈妈的礼物对吗？"),
		},
	},
	"dismissive_remark": {
		fire: []ex{
			zhs("a: 呵呵，随便你。"),
			zht("a: 隨便啦，你愛信不信。"),
			en("a: Whatever, suit yourself."),
		},
		quiet: []ex{
			zhs("a: 好的，我马上帮您处理。"),
			zht("a: 了解，我幫您確認。"),
			en("a: Sure, I'll take care of it."),
			zhs("a: 颜色您挑，随您喜欢。"),
			en("a: Whatever works for you, we'll deal with it right away."),
		},
	},
	"impatience": {
		fire: []ex{
			zhs("a: 我都说了三遍了，你听不懂吗？"),
			zht("a: 我講咗幾次啦，你聽唔明咩？"),
			en("a: As I already said, the refund takes 3 days."),
		},
		quiet: []ex{
			zhs("a: 没关系，我再给您说明一下。"),
			zht("c: 我說了要真人！聽不懂嗎？", "a: 好的，馬上為您轉接。"),
			en("a: Let me explain that again: the refund takes 1-3 business days."),
			zhs("a: 我已经跟仓库说过了，他们今天加急发出。"),
			en("a: How many times did the courier try to deliver?"),
		},
	},
	"blame_customer": {
		fire: []ex{
			zhs("a: 这是您自己没看清商品详情页造成的。"),
			zhs("a: 您是不是没认真看说明啊？"),
			zht("a: 是您自己操作錯誤，跟我們沒有關係。"),
			en("a: That's because you didn't read the product description."),
		},
		quiet: []ex{
			zhs("a: 可能是说明写得不够清楚，给您带来不便很抱歉。"),
			zhs("a: 您可以自己在订单详情里申请退款。"),
			zht("a: 我們來看看是哪裡出了問題。"),
			en("a: It may not have been clear on the page, sorry about that."),
			zhs("a: 是我们系统操作失误导致重复扣款，非常抱歉。"),
			zhs("a: 温馨提示：保存不当可能会变质，建议冷藏。"),
			en("a: Sorry, I didn't see your photo clearly, could you resend it?"),
		},
	},
	"passing_the_buck": {
		fire: []ex{
			zhs("a: 物流的事不归我管，你去找快递吧。"),
			zht("a: 這不是我負責的，您找別人吧。"),
			en("a: That's not my department, take it up with the courier."),
		},
		quiet: []ex{
			zhs("a: 我来帮您联系快递，有结果马上告诉您。"),
			zht("a: 我這邊幫您跟物流確認。"),
			en("a: I'll contact the courier for you and follow up."),
		},
	},
	"badmouth_company": {
		fire: []ex{
			zhs("a: 我们公司就这样，没办法。"),
			zht("a: 這破系統又卡住了。"),
			en("a: Honestly our system is garbage, sorry."),
		},
		quiet: []ex{
			zhs("a: 系统正在升级，给您带来不便很抱歉。"),
			zht("a: 系統目前比較慢，請稍候。"),
			en("a: Our system is updating, thanks for your patience."),
		},
	},
	"internal_jargon": {
		fire: []ex{
			zhs("a: 您的件是拦截件，已经转二线处理了。"),
			zht("a: 這單在WMS顯示異常件。"),
			en("a: Your RMA is with our tier 2 team, SLA is 48h."),
		},
		quiet: []ex{
			zhs("a: 您的包裹被快递拦截了，我们正在联系快递退回。"),
			zht("a: 包裹目前在倉庫，明天出貨。"),
			en("a: Your return is being checked by our specialists."),
		},
	},

	// closing
	"no_closing": {
		fire: []ex{
			zhs("a: 您好，我是客服小美。", "c: 好的谢谢", "a: 好的。"),
			zhs("c: 您好，请问发票怎么开？", "a: 您好！\n\n电子发票已经开好，会发送到您的邮箱。").on(transcript.ChannelEmail),
			zht("a: 您好，我是客服小美。", "c: 好的謝謝", "a: 了解。"),
			en("a: Hi, this is Anna.", "c: thanks", "a: Okay."),
		},
		quiet: []ex{
			zhs("a: 您好，我是客服小美。", "c: 好的谢谢", "a: 请问还有其他可以帮您的吗？祝您生活愉快！"),
			zhs("c: 转人工", "a: 好的，正在为您转接人工客服。"),
			zht("a: 您好。", "c: 好的謝謝", "a: 謝謝您的耐心，如果還有問題歡迎隨時聯繫我們，祝您購物愉快！"),
			en("a: Hi, this is Anna.", "c: thanks", "a: Thanks for your patience today, have a good one. Goodbye!"),
			en("b: Hi!", "c: track my order", "b: It's on its way."),
		},
	},
	"no_anything_else": {
		fire: []ex{
			zhs("c: 好的谢谢", "a: 祝您生活愉快，再见！"),
			zht("c: 好的謝謝", "a: 謝謝您的耐心等候，祝您一切順利，再見。"),
			en("c: thanks", "a: Thanks for reaching out. Have a wonderful day!"),
		},
		quiet: []ex{
			zhs("c: 好的谢谢", "a: 请问还有其他可以帮您的吗？"),
			zht("c: 好的謝謝", "a: 還有什麼需要協助的嗎？沒有的話祝您順心，再見！"),
			en("c: thanks", "a: Is there anything else I can help you with today?"),
			en("c: Get me a human", "a: Sure, transferring you to a supervisor now."),
		},
	},

	// responsiveness
	"slow_first_response": {
		fire: []ex{
			zhs("c: 在吗", "+120s a: 您好，我是客服小美。"),
			zht("c: 請問有人在嗎", "s: 客服小美已加入對話", "+5m a: 您好，我是客服小美。"),
			en("c: Hello,\n\nWhere is my order?", "+30h a: Dear customer,\n\nIt shipped yesterday.").on(transcript.ChannelEmail),
		},
		quiet: []ex{
			zhs("c: 在吗", "+20s a: 您好，我是客服小美。"),
			zht("a: 您好，優選商城客服。", "c: 我想查訂單", "+3s a: 好的。").on(transcript.ChannelVoice),
			en("c: Hello,\n\nWhere is my order?", "+10h a: Dear customer,\n\nIt shipped yesterday.").on(transcript.ChannelEmail),
			en("b: Hi!", "+90s c: hi", "b: How can I help?"),
		},
	},
	"long_silence": {
		fire: []ex{
			zhs("a: 您好，优选商城客服。", "c: 我想查快递", "+40s a: 查到了，已经发货了。").on(transcript.ChannelVoice),
			zht("a: 您好，優選商城客服。", "c: 我想查包裹", "+60s a: 查到了，已經出貨了。").on(transcript.ChannelVoice),
			en("a: Hello, ShopWell support.", "c: I want to check my parcel", "+45s a: It shipped yesterday.").on(transcript.ChannelVoice),
		},
		quiet: []ex{
			zhs("a: 请您稍等，我帮您查一下。", "+45s a: 感谢您的耐心等待，查到了。").on(transcript.ChannelVoice),
			zht("a: 稍等一下喔，我看一下系統紀錄。", "+50s a: 讓您久等了。").on(transcript.ChannelVoice),
			en("a: Give me a moment while I check that for you.", "+40s a: Thanks for holding.").on(transcript.ChannelVoice),
			en("c: hi", "+45s a: Hello"),
		},
	},
	"slow_reply": {
		fire: []ex{
			zhs("c: 在吗", "a: 您好", "c: 我的快递呢", "+6m a: 查到了，已经发货了。"),
			zht("c: 請問有人在嗎", "a: 您好", "c: 我的包裹呢", "+8m a: 查到了。"),
			en("c: hi", "a: Hello", "c: where is my parcel", "+10m a: It shipped."),
		},
		quiet: []ex{
			zhs("c: 在吗", "+7m a: 您好"),
			zht("c: 請問有人在嗎", "a: 您好", "a: 請稍等，我查一下。", "+6m a: 讓您久等了。"),
			en("a: Hello", "c: where is my parcel", "+10m a: It shipped.").on(transcript.ChannelVoice),
		},
	},
	"hold_not_thanked": {
		fire: []ex{
			zhs("a: 请您稍等，我帮您查一下。", "a: 查到了，已经发货了。"),
			zht("a: 稍等一下喔。", "a: 訂單已經出貨了。"),
			en("a: One moment please.", "a: It shipped yesterday."),
		},
		quiet: []ex{
			zhs("a: 请稍等。", "a: 感谢您的耐心等待，查到了。"),
			zhs("a: 好的，正在为您转接人工客服，请稍候。"),
			zht("a: 請您稍候。", "a: 讓您久等了，訂單已經出貨。"),
			en("a: Bear with me for a second.", "a: Thanks for holding, it shipped."),
		},
	},
}
